/**
 * Jira's error answers: every failure is an ErrorCollection `{errorMessages, errors}` with the
 * HTTP status Jira uses for that case.
 */

export interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

/** A failure answered as Jira answers it. Thrown by the store and the handlers. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorCollection,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${[...body.errorMessages, ...Object.entries(body.errors).map(([k, v]) => `${k}: ${v}`)].join('; ')}`);
    this.name = 'JiraHttpError';
  }
}

export function errorBody(messages: string[] = [], errors: Record<string, string> = {}): ErrorCollection {
  return { errorMessages: messages, errors };
}

export function badRequest(messages: string | string[], errors: Record<string, string> = {}): JiraHttpError {
  return new JiraHttpError(400, errorBody(typeof messages === 'string' ? [messages] : messages, errors));
}

/** 400 with field errors only (`errors: {field: message}`), as Jira answers create/edit validation. */
export function fieldErrors(errors: Record<string, string>): JiraHttpError {
  return new JiraHttpError(400, errorBody([], errors));
}

export function notFound(message: string): JiraHttpError {
  return new JiraHttpError(404, errorBody([message]));
}

export function forbidden(message: string): JiraHttpError {
  return new JiraHttpError(403, errorBody([message]));
}

export function conflict(messages: string[], errors: Record<string, string> = {}): JiraHttpError {
  return new JiraHttpError(409, errorBody(messages, errors));
}

export const MSG = {
  issueNotFound: 'Issue does not exist or you do not have permission to see it.',
  unauthenticated: 'You are not authenticated. Authentication required to perform this operation.',
  adminOnly: 'You do not have permission to perform this operation. Administer Jira global permission is required.',
  unbounded: 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
  notOnScreen: (f: string) => `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`,
  noProject: (key: string) => `No project could be found with key '${key}'.`,
} as const;
