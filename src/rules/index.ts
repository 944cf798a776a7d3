/**
 * The complaint domain, pure TypeScript: no Forge, no Jira, no I/O. Everything else — Forge
 * handlers, the sandbox, the screens, the CLI — calls these functions.
 */
export * from './time';
export * from './messages';
export * from './dictionary';
export * from './errors';
export * from './calendar';
export * from './policy';
export * from './presets';
export * from './complaint';
export * from './numbering-pattern';
export * from './numbering';
export * from './classify';
export * from './sla';
export * from './transitions';
export * from './tracking';
export * from './state';
export * from './milestones';
export * from './workflow';
export * from './escalation';
export * from './batch-pattern';
