/**
 * Every function the manifest names, in one barrel (a test holds manifest and exports to each
 * other).
 */
// UI resolvers (gadget, admin page, issue panel)
export { uiResolver } from './resolvers/ui';
// Workflow validator
export { validateTransition } from './resolvers/validator';
// Product-event triggers
export { onIssueEvent } from './resolvers/lifecycle';
export { onInstalled } from './resolvers/jobs';
// Scheduled trigger
export { slaSweep } from './resolvers/jobs';
// Queue consumer (the sweep's overflow)
export { sweepConsumer } from './resolvers/jobs';
// JQL function and search suggestions
export { jqlRepeats, repeatRecount, searchSuggestions } from './resolvers/jobs';
