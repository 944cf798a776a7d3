/**
 * JQL text → a small internal tree, using Atlassian's own grammar (@atlaskit/jql-ast).
 * The internal tree keeps only what evaluation needs, so the rest of the engine never
 * touches the mutable JAST node classes.
 */
import { JastBuilder, JQLSyntaxError } from '@atlaskit/jql-ast';
import type { Clause, Field, Operand } from '@atlaskit/jql-ast';
import { JqlError } from '../types';

/** The operators the grammar knows (lower case, as @atlaskit/jql-ast reports them). */
export type OperatorText =
  | '='
  | '!='
  | '~'
  | '!~'
  | '<'
  | '>'
  | '<='
  | '>='
  | 'in'
  | 'not in'
  | 'is'
  | 'is not'
  | 'was'
  | 'was not'
  | 'was in'
  | 'was not in'
  | 'changed';

export interface FieldRef {
  /** Semantic name: quotes and escapes removed ("客诉分类", "cf[10020]", "issue.property"). */
  name: string;
  /** As written (for messages). */
  text: string;
  /** For `issue.property[key].a.b`: the property key and the path segments. */
  property?: { key: string; path: string[] };
}

export type ScalarOperand = { t: 'value'; value: string; text: string } | { t: 'fn'; name: string; args: string[] };
export type OperandNode = ScalarOperand | { t: 'empty' } | { t: 'list'; items: OperandNode[] };

export type ClauseNode =
  | { t: 'and'; items: ClauseNode[] }
  | { t: 'or'; items: ClauseNode[] }
  | { t: 'not'; item: ClauseNode }
  | { t: 'term'; field: FieldRef; op: OperatorText; operand: OperandNode | undefined; hasPredicates: boolean };

export interface OrderItem {
  field: FieldRef;
  direction: 'ASC' | 'DESC';
}

export interface ParsedJql {
  where: ClauseNode | undefined;
  orderBy: OrderItem[] | undefined;
}

/** Parse JQL; throws JqlError (Jira's "Error in the JQL Query: …") for syntax errors. */
export function parseJql(jql: string): ParsedJql {
  let jast;
  try {
    jast = new JastBuilder().build(jql);
  } catch (e) {
    throw new JqlError([`Error in the JQL Query: ${e instanceof Error ? e.message : String(e)}`]);
  }
  if (jast.errors.length > 0) {
    throw new JqlError(
      jast.errors.map((err) =>
        err instanceof JQLSyntaxError
          ? `Error in the JQL Query: ${err.message} (line ${err.line}, character ${err.charPositionInLine + 1})`
          : `Error in the JQL Query: ${err.message}`,
      ),
    );
  }
  const query = jast.query;
  if (!query) return { where: undefined, orderBy: undefined };
  return {
    where: query.where ? convertClause(query.where) : undefined,
    orderBy: query.orderBy
      ? query.orderBy.fields.map((f) => ({
          field: convertField(f.field),
          direction: f.direction && f.direction.value === 'DESC' ? 'DESC' : 'ASC',
        }))
      : undefined,
  };
}

function convertClause(clause: Clause): ClauseNode {
  switch (clause.clauseType) {
    case 'compound':
      return { t: clause.operator.value === 'and' ? 'and' : 'or', items: clause.clauses.map(convertClause) };
    case 'not':
      return { t: 'not', item: convertClause(clause.clause) };
    case 'terminal': {
      const operator = clause.operator;
      if (!operator) throw syntax(`Expecting an operator after '${clause.field.text}'.`);
      return {
        t: 'term',
        field: convertField(clause.field),
        op: operator.value,
        operand: clause.operand ? convertOperand(clause.operand) : undefined,
        hasPredicates: clause.predicates.length > 0,
      };
    }
  }
}

function convertField(field: Field): FieldRef {
  const props = field.properties ?? [];
  const ref: FieldRef = { name: field.value, text: field.text };
  if (props.length > 0) {
    if (props.length > 1) {
      throw new JqlError([`Field '${field.text}${props.map(() => '[…]').join('')}' is not supported by this Jira stand-in: only one property key is allowed.`]);
    }
    const prop = props[0];
    const key = prop?.key?.value;
    if (!prop || key === undefined || key === '') throw syntax(`The property key is missing for field '${field.text}'.`);
    const path = (prop.path ?? [])
      .flatMap((p) => p.value.split('.'))
      .filter((seg) => seg !== '');
    ref.property = { key, path };
  }
  return ref;
}

function convertOperand(operand: Operand): OperandNode {
  switch (operand.operandType) {
    case 'value':
      return { t: 'value', value: operand.value, text: operand.text };
    case 'keyword':
      return { t: 'empty' };
    case 'function':
      return { t: 'fn', name: operand.function.value, args: operand.arguments.map((a) => a.value) };
    case 'list':
      return { t: 'list', items: operand.values.map(convertOperand) };
  }
}

function syntax(message: string): JqlError {
  return new JqlError([`Error in the JQL Query: ${message}`]);
}
