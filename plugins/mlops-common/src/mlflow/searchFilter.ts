/**
 * MLflow's run search filter (`runs/search` `filter`), as its UI and
 * `mlflow.search_runs` take it: comparisons joined by `AND`, e.g.
 * `metrics.f1 > 0.8 and params.model = 'xgboost'`. Parsed here so that the
 * frontend can say what is wrong while the user types and the backend refuses
 * a bad filter with a 400 naming the problem, instead of passing it on.
 * The rules follow MLflow's `SearchUtils` (mlflow/utils/search_utils.py).
 */

/** What a clause compares. @public */
export type MlflowFilterEntity = 'metric' | 'param' | 'tag' | 'attribute';

/** One comparison of a run filter. @public */
export interface MlflowFilterClause {
  entity: MlflowFilterEntity;
  key: string;
  /** Upper-case: `=`, `!=`, `>`, `>=`, `<`, `<=`, `LIKE`, `ILIKE`, `IN`, `NOT IN`. */
  comparator: string;
  value: number | string | string[];
}

/** The outcome of {@link parseMlflowRunFilter}. @public */
export type MlflowFilterParse =
  | {
      ok: true;
      clauses: MlflowFilterClause[];
      /** The filter re-written canonically, what the backend sends to MLflow. */
      canonical: string;
    }
  | { ok: false; message: string };

/** Longest filter accepted (MLflow's UI puts no limit; this stops abuse). @public */
export const MLFLOW_FILTER_MAX_LENGTH = 1000;

const ENTITY_ALIASES: Record<string, MlflowFilterEntity> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
};

const PREFIX: Record<MlflowFilterEntity, string> = {
  metric: 'metrics',
  param: 'params',
  tag: 'tags',
  attribute: 'attributes',
};

const NUMERIC_COMPARATORS = ['=', '!=', '>', '>=', '<', '<='];
const STRING_COMPARATORS = ['=', '!=', 'LIKE', 'ILIKE'];
const NUMERIC_ATTRIBUTES = ['start_time', 'end_time', 'created'];
const STRING_ATTRIBUTES = [
  'run_id',
  'run_name',
  'status',
  'user_id',
  'artifact_uri',
  'lifecycle_stage',
];
const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

type Token =
  | { kind: 'and' | 'or'; at: number }
  | { kind: 'ident'; entity: string; key: string; at: number }
  | { kind: 'comparator'; value: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'list'; value: string[]; at: number };

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');

class FilterError extends Error {}

const QUOTED_ITEM = /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(,|$)/y;

/** A parenthesised list of quoted strings, for IN. */
function readList(inner: string, at: number): string[] {
  const items: string[] = [];
  let i = 0;
  while (i < inner.length) {
    QUOTED_ITEM.lastIndex = i;
    const item = QUOTED_ITEM.exec(inner);
    if (!item) {
      throw new FilterError(
        `a list must hold quoted strings separated by commas, at position ${
          at + 1
        }`,
      );
    }
    items.push(unescape(item[1] ?? item[2]));
    i = QUOTED_ITEM.lastIndex;
    if (!item[3]) break;
  }
  if (items.length === 0)
    throw new FilterError(`empty list at position ${at + 1}`);
  return items;
}

/** Each lexeme: its pattern at the current position, and the token it makes. */
const LEXEMES: Array<{
  pattern: RegExp;
  token: (match: RegExpExecArray, at: number, text: string) => Token;
  /** How far the lexeme reaches, when not the whole match. */
  length?: (match: RegExpExecArray, at: number, text: string) => number;
}> = [
  {
    pattern: /^(and|or)\b/i,
    token: (m, at) => ({ kind: m[1].toLowerCase() as 'and' | 'or', at }),
  },
  {
    pattern: /^([A-Za-z_]+)\.(?:`([^`]+)`|"([^"]+)"|([\w.\-/:]+))/,
    token: (m, at) => ({
      kind: 'ident',
      entity: m[1],
      key: m[2] ?? m[3] ?? m[4],
      at,
    }),
  },
  {
    pattern: /^(!=|>=|<=|=|>|<|not\s+in\b|in\b|ilike\b|like\b)/i,
    token: (m, at) => ({
      kind: 'comparator',
      value: m[1].toUpperCase().replace(/\s+/, ' '),
      at,
    }),
  },
  {
    pattern: /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/,
    token: (m, at) => ({ kind: 'string', value: unescape(m[1] ?? m[2]), at }),
  },
  {
    pattern: /^['"]/,
    token: (_m, at) => {
      throw new FilterError(`unclosed quote at position ${at + 1}`);
    },
  },
  {
    pattern: /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])/,
    token: (m, at) => ({ kind: 'number', value: Number(m[0]), at }),
  },
  {
    pattern: /^\(/,
    token: (_m, at, text) => {
      const close = text.indexOf(')', at);
      if (close < 0)
        throw new FilterError(`unclosed "(" at position ${at + 1}`);
      return {
        kind: 'list',
        value: readList(text.slice(at + 1, close), at),
        at,
      };
    },
    length: (_m, at, text) => text.indexOf(')', at) + 1 - at,
  },
  {
    // A bare word compared to something: say how to name it.
    pattern: /^([A-Za-z_]\w*)\s*(?:!=|>=|<=|=|>|<|i?like\b)/i,
    token: m => {
      const word = m[1];
      throw new FilterError(
        `say what "${word}" is: metrics.${word}, params.${word}, tags.${word} or attributes.${word}`,
      );
    },
  },
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const lexeme = LEXEMES.find(l => l.pattern.test(rest));
    const match = lexeme && lexeme.pattern.exec(rest);
    if (!lexeme || !match) {
      throw new FilterError(
        `unexpected "${rest.slice(0, 12)}" at position ${at + 1}`,
      );
    }
    tokens.push(lexeme.token(match, at, text));
    at += lexeme.length ? lexeme.length(match, at, text) : match[0].length;
  }
  return tokens;
}

function clauseOf(
  ident: Extract<Token, { kind: 'ident' }>,
  comparator: Extract<Token, { kind: 'comparator' }>,
  value: Token,
): MlflowFilterClause {
  const entity = ENTITY_ALIASES[ident.entity.toLowerCase()];
  if (!entity) {
    throw new FilterError(
      `"${ident.entity}.${ident.key}" is not something a run has: use metrics., params., tags. or attributes.`,
    );
  }
  const name = `${PREFIX[entity]}.${ident.key}`;
  const op = comparator.value;
  const numeric =
    entity === 'metric' ||
    (entity === 'attribute' && NUMERIC_ATTRIBUTES.includes(ident.key));
  if (
    entity === 'attribute' &&
    !numeric &&
    !STRING_ATTRIBUTES.includes(ident.key)
  ) {
    throw new FilterError(
      `attributes.${ident.key} is not a run attribute (${[
        ...STRING_ATTRIBUTES,
        ...NUMERIC_ATTRIBUTES,
      ].join(', ')})`,
    );
  }
  if (numeric) {
    if (!NUMERIC_COMPARATORS.includes(op)) {
      throw new FilterError(
        `${name} is a number: compare it with ${NUMERIC_COMPARATORS.join(' ')}`,
      );
    }
    if (value.kind !== 'number') {
      throw new FilterError(
        `${name} is a number: compare it with a number, e.g. ${name} ${op} 0.8`,
      );
    }
    return { entity, key: ident.key, comparator: op, value: value.value };
  }
  if (op === 'IN' || op === 'NOT IN') {
    if (entity !== 'attribute') {
      throw new FilterError(
        `${op} works on attributes (e.g. attributes.run_id), not on ${name}`,
      );
    }
    if (value.kind !== 'list') {
      throw new FilterError(`${name} ${op} needs a list, e.g. ('a', 'b')`);
    }
    return { entity, key: ident.key, comparator: op, value: value.value };
  }
  if (!STRING_COMPARATORS.includes(op)) {
    throw new FilterError(
      `${name} is text: compare it with = != LIKE or ILIKE`,
    );
  }
  if (value.kind !== 'string') {
    throw new FilterError(
      `${name} is text: put the value in quotes, e.g. ${name} ${op} 'xgboost'`,
    );
  }
  if (
    entity === 'attribute' &&
    ident.key === 'status' &&
    (op === '=' || op === '!=') &&
    !RUN_STATUSES.includes(value.value)
  ) {
    throw new FilterError(
      `attributes.status is one of ${RUN_STATUSES.join(', ')}`,
    );
  }
  return { entity, key: ident.key, comparator: op, value: value.value };
}

const quoteKey = (key: string) => (/^\w+$/.test(key) ? key : `\`${key}\``);
const quoteString = (value: string) => `'${value.replace(/['\\]/g, '\\$&')}'`;

/** One clause as MLflow reads it. @public */
export function formatMlflowFilterClause(clause: MlflowFilterClause): string {
  const { value } = clause;
  let text: string;
  if (typeof value === 'number') text = String(value);
  else if (Array.isArray(value))
    text = `(${value.map(quoteString).join(', ')})`;
  else text = quoteString(value);
  return `${PREFIX[clause.entity]}.${quoteKey(clause.key)} ${
    clause.comparator
  } ${text}`;
}

/**
 * Parses a run filter; an empty filter is valid and has no clause. Errors
 * say what is wrong and where, in words a user can act on.
 *
 * @public
 */
export function parseMlflowRunFilter(text: string): MlflowFilterParse {
  if (text.length > MLFLOW_FILTER_MAX_LENGTH) {
    return {
      ok: false,
      message: `the filter is longer than ${MLFLOW_FILTER_MAX_LENGTH} characters`,
    };
  }
  try {
    const tokens = tokenize(text);
    const clauses: MlflowFilterClause[] = [];
    let i = 0;
    while (i < tokens.length) {
      const [ident, comparator, value] = tokens.slice(i, i + 3);
      if (ident.kind === 'or') {
        throw new FilterError(
          'MLflow filters cannot use OR: join comparisons with AND',
        );
      }
      if (ident.kind !== 'ident') {
        throw new FilterError(
          `expected a comparison like metrics.f1 > 0.8 at position ${
            ident.at + 1
          }`,
        );
      }
      if (!comparator || comparator.kind !== 'comparator') {
        throw new FilterError(
          `${ident.entity}.${ident.key} needs a comparison (= != > >= < <= LIKE ILIKE) after it`,
        );
      }
      if (!value) {
        throw new FilterError(
          `${ident.entity}.${ident.key} ${comparator.value} needs a value`,
        );
      }
      clauses.push(clauseOf(ident, comparator, value));
      i += 3;
      const next = tokens[i];
      if (!next) break;
      if (next.kind === 'or') {
        throw new FilterError(
          'MLflow filters cannot use OR: join comparisons with AND',
        );
      }
      if (next.kind !== 'and') {
        throw new FilterError(`expected AND at position ${next.at + 1}`);
      }
      i++;
      if (i >= tokens.length) throw new FilterError('the filter ends with AND');
    }
    return {
      ok: true,
      clauses,
      canonical: clauses.map(formatMlflowFilterClause).join(' AND '),
    };
  } catch (error) {
    if (error instanceof FilterError)
      return { ok: false, message: error.message };
    throw error;
  }
}

// A run's fields as a filter reads them; alike in shape, not in meaning, to the API's registered model.
/** What a run offers to a filter; matches {@link MlflowRunSummary} plus tags. @public */
export interface MlflowFilterableRun {
  runId: string;
  runName: string;
  status: string;
  userId?: string;
  startTime?: number;
  endTime?: number;
  params: Record<string, string>;
  metrics: Record<string, number>;
  tags?: Record<string, string>;
}

const likeToRegExp = (pattern: string, flags: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.')}$`,
    flags,
  );

function attributeOf(run: MlflowFilterableRun, key: string) {
  switch (key) {
    case 'run_id':
      return run.runId;
    case 'run_name':
      return run.runName;
    case 'status':
      return run.status;
    case 'user_id':
      return run.userId;
    case 'start_time':
    case 'created':
      return run.startTime;
    case 'end_time':
      return run.endTime;
    default:
      return undefined;
  }
}

/**
 * Whether a run matches parsed clauses, as MLflow evaluates them (a run
 * without the metric, param or tag does not match). For a stand-in MLflow
 * (the demo profile, tests); a real MLflow evaluates the filter itself.
 *
 * @public
 */
export function matchesMlflowRunFilter(
  run: MlflowFilterableRun,
  clauses: MlflowFilterClause[],
): boolean {
  return clauses.every(clause => {
    let actual: string | number | undefined;
    if (clause.entity === 'metric') actual = run.metrics[clause.key];
    else if (clause.entity === 'param') actual = run.params[clause.key];
    else if (clause.entity === 'tag') actual = run.tags?.[clause.key];
    else actual = attributeOf(run, clause.key);
    if (actual === undefined) return false;
    const { comparator, value } = clause;
    if (Array.isArray(value)) {
      const found = value.includes(String(actual));
      return comparator === 'IN' ? found : !found;
    }
    switch (comparator) {
      case '=':
        return actual === value;
      case '!=':
        return actual !== value;
      case '>':
        return actual > value;
      case '>=':
        return actual >= value;
      case '<':
        return actual < value;
      case '<=':
        return actual <= value;
      case 'LIKE':
        return likeToRegExp(String(value), '').test(String(actual));
      case 'ILIKE':
        return likeToRegExp(String(value), 'i').test(String(actual));
      default:
        return false;
    }
  });
}
