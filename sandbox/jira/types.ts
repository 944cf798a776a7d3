/**
 * Shared shapes of the Jira Cloud stand-in: what the store keeps and what the JQL engine reads.
 * Shapes follow the Jira Cloud platform REST v3 answers (shared/jira-openapi).
 */

/** A user of the stand-in (a Jira Cloud user as /rest/api/3/myself answers it, plus e-mail). */
export interface SandboxUser {
  accountId: string;
  emailAddress: string;
  displayName: string;
  /** e.g. 'zh_CN' or 'en_US' (Jira's /mypreferences/locale format). */
  locale: string;
  timeZone: string;
  /** Jira administrator (ADMINISTER global permission). */
  admin: boolean;
  /** Project keys the user may browse; '*' for all. */
  browse: string[] | '*';
  active: boolean;
}

/** A field definition as /rest/api/3/field answers it. */
export interface FieldDefinition {
  id: string; // 'summary', 'customfield_10020'
  key: string;
  name: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  clauseNames: string[]; // ['cf[10020]', '客诉分类'] for custom fields
  schema: {
    type: string; // 'string' | 'number' | 'datetime' | 'date' | 'array' | 'option' | 'user' | 'status' | 'project' | 'issuetype' | 'priority' | 'any'
    items?: string;
    system?: string;
    custom?: string; // 'ari:cloud:ecosystem::extension/…' for Forge fields
    customId?: number;
  };
  /**
   * Forge `object` fields: the schema properties declared with `searchAlias`, searchable as
   * `<field>.<alias>` (Forge docs, manifest-reference/modules/jira-custom-field-type, "Object type
   * JQL search"). Not part of GET /field.
   */
  searchAliases?: FieldSearchAlias[];
}

/** One `searchAlias` of an object field's schema: the property's path and its JQL type. */
export interface FieldSearchAlias {
  alias: string;
  path: string;
  type: 'string' | 'text' | 'number' | 'date' | 'user';
}

/** An entity-property alias declared by a `jira:entityProperty` module (JQL name → property path). */
export interface PropertyAlias {
  alias: string;
  propertyKey: string;
  path: string;
  type: 'string' | 'text' | 'number' | 'date' | 'user';
}

/** An issue as the store keeps it. `fields` holds REST-shaped values keyed by field id. */
export interface StoredIssue {
  id: string;
  key: string;
  /** Field id → value as the REST API returns it (status: {id,name,statusCategory}, project: {id,key,name}…). */
  fields: Record<string, unknown>;
  /** Issue entity properties: key → JSON value. */
  properties: Record<string, unknown>;
}

/** What JQL evaluation needs to know about the site. */
export interface JqlContext {
  fields: FieldDefinition[];
  propertyAliases: PropertyAlias[];
  /** The calling user (for currentUser()). */
  currentUser: SandboxUser | null;
  users: SandboxUser[];
  /** Evaluation moment (epoch ms) for now(), startOfDay()… */
  now: number;
  /** Time zone for startOfDay() and date literals (the user's time zone in Jira). */
  timeZone: string;
  /**
   * The issues as they stand (one array per store revision): `matchesAt(issue, i)` with `i` the
   * position in it remembers each clause's answer per issue until the next change (the index).
   */
  universe?: readonly StoredIssue[];
}

/** A JQL error answered as Jira does: HTTP 400 with errorMessages. */
export class JqlError extends Error {
  constructor(readonly errorMessages: string[]) {
    super(errorMessages.join('; '));
    this.name = 'JqlError';
  }
}

export interface CompiledJql {
  matches(issue: StoredIssue): boolean;
  /** `matches` for `ctx.universe[i]`, with each clause's answer kept per revision. */
  matchesAt(issue: StoredIssue, i: number): boolean;
  /** Comparator from ORDER BY (stable: falls back to issue id descending like Jira's default "created DESC"). */
  compare(a: StoredIssue, b: StoredIssue): number;
  /** The issues in `compare`'s order (a new array), each issue's keys computed once. */
  sort(issues: StoredIssue[]): StoredIssue[];
  /** Whether the query had an ORDER BY clause. */
  ordered: boolean;
}
