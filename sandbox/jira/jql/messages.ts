/** Error messages, worded as Jira Cloud words them (errorMessages of a 400 answer). */

export const msg = {
  fieldMissing: (field: string) => `Field '${field}' does not exist or you do not have permission to view it.`,
  fieldNotSupported: (field: string) => `Field '${field}' is not supported by this Jira stand-in.`,
  operatorNotSupportedByField: (op: string, field: string) =>
    `The operator '${op}' is not supported by the '${field}' field.`,
  operatorNotSupportedHere: (op: string) =>
    `The operator '${op}' is not supported by this Jira stand-in (it keeps no change history).`,
  listNotSupported: (op: string, field: string) =>
    `The operator '${op}' does not support the list value for field '${field}'.`,
  listRequired: (op: string, field: string) =>
    `The operator '${op}' requires a list of values for field '${field}'.`,
  emptyNotSupported: (op: string, field: string) =>
    `The operator '${op}' does not support searching for EMPTY values for field '${field}'.`,
  functionNotAllowed: (fn: string, op: string, field: string) =>
    `The function '${fn}' is not supported with the operator '${op}' for field '${field}'.`,
  valueMissing: (value: string, field: string) => `The value '${value}' does not exist for the field '${field}'.`,
  invalidDate: (value: string, field: string) =>
    `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  invalidNumber: (value: string, field: string) => `Value '${value}' is invalid for the '${field}' field.`,
  invalidIssueKey: (value: string, field: string) => `The issue key '${value}' for field '${field}' is invalid.`,
  emptyText: (field: string) => `The field '${field}' does not support searching for an empty string.`,
  functionUnknown: (fn: string) => `Unable to find JQL function '${fn}()'.`,
  functionNotSupportedHere: (fn: string) => `The function '${fn}' is not supported by this Jira stand-in.`,
  functionArity: (fn: string, expected: string, got: number) =>
    `Function '${fn}' expected '${expected}' arguments but received '${got}'.`,
  functionBadArgument: (fn: string, arg: string) =>
    `The argument '${arg}' of the function '${fn}' is invalid: expected an increment like '-1d', '+2w' or '1M'.`,
  functionWrongField: (fn: string, field: string) =>
    `A value provided by the function '${fn}' is invalid for the field '${field}'.`,
  notSortable: (field: string) => `Field '${field}' does not support sorting.`,
};
