import { DvcPlot, DvcPlotProps } from '../api/dvc';
import { normalizeRelativePath, stagePath } from './edges';
import { ExpandedDvcStage } from './expandStages';
import { DVC_MAX_FILE_BYTES, parseDvcYamlFile } from './parseYamlFile';
import { isRecord } from './values';

/** Most points of one plot the card gets: longer files are sampled evenly (first and last kept). @public */
export const DVC_PLOT_MAX_POINTS = 500;

/** A plot file the pipeline declares and how DVC is told to draw it. @public */
export interface DvcPlotDeclaration extends DvcPlotProps {
  /** Relative to the dvc.yaml folder. */
  path: string;
  /** The stage that writes it; absent for dvc.yaml's top-level `plots:`. */
  stage?: string;
}

const PROPS: Array<[keyof DvcPlotProps, string]> = [
  ['x', 'x'],
  ['y', 'y'],
  ['template', 'template'],
  ['title', 'title'],
  ['xLabel', 'x_label'],
  ['yLabel', 'y_label'],
];

function propsOf(flags: unknown): DvcPlotProps {
  if (!isRecord(flags)) return {};
  const props: DvcPlotProps = {};
  for (const [name, key] of PROPS) {
    if (typeof flags[key] === 'string') props[name] = flags[key] as string;
  }
  return props;
}

/** `plots:` entries (a path or `{ path: flags }`) as flags per path, in order. */
function entryFlags(value: unknown): Array<[string, unknown]> {
  return (Array.isArray(value) ? value : []).flatMap(
    (entry): Array<[string, unknown]> => {
      if (typeof entry === 'string') return [[entry, undefined]];
      return isRecord(entry) ? Object.entries(entry) : [];
    },
  );
}

/** The stage definition as written in dvc.yaml (`do:` of a `foreach`). */
function definitionOf(dvcYaml: unknown, name: string): unknown {
  const stages =
    isRecord(dvcYaml) && isRecord(dvcYaml.stages) ? dvcYaml.stages : {};
  const definition = stages[name];
  return isRecord(definition) && isRecord(definition.do)
    ? definition.do
    : definition;
}

/**
 * Every plot file the pipeline declares, with DVC's plot properties: the
 * stages' `plots:` (paths as expanded, from the dvc.yaml folder) and
 * dvc.yaml's top-level `plots:` (a file path with its properties, or a plot
 * whose `y` names `{ file: column }`). A path is listed once, the stage's first.
 *
 * @public
 */
export function listDvcPlots(
  dvcYaml: unknown,
  stages: ExpandedDvcStage[],
): DvcPlotDeclaration[] {
  const plots = new Map<string, DvcPlotDeclaration>();
  const add = (plot: DvcPlotDeclaration) => {
    if (!plots.has(plot.path)) plots.set(plot.path, plot);
  };
  for (const { stage } of stages) {
    // The written entries, in the order the expanded stage lists its plots.
    const flags = entryFlags(
      (
        definitionOf(dvcYaml, stage.generatedFrom ?? stage.name) as
          | { plots?: unknown }
          | undefined
      )?.plots,
    );
    stage.plots.forEach((path, i) => {
      add({
        path: stagePath(stage, path),
        stage: stage.name,
        ...propsOf(flags[i]?.[1]),
      });
    });
  }
  const topLevel = isRecord(dvcYaml) ? dvcYaml.plots : undefined;
  for (const [id, flags] of entryFlags(topLevel)) {
    const props = propsOf(flags);
    const y = isRecord(flags) ? flags.y : undefined;
    if (isRecord(y)) {
      // `y: { file: column | [columns] }`: one plot per file, of its first column.
      for (const [file, columns] of Object.entries(y)) {
        const column = [columns].flat().find(c => typeof c === 'string') as
          | string
          | undefined;
        add({
          ...props,
          path: normalizeRelativePath(file),
          ...(column ? { y: column } : {}),
        });
      }
    } else {
      add({ ...props, path: normalizeRelativePath(id) });
    }
  }
  return [...plots.values()];
}

type Row = Record<string, unknown>;

/**
 * Delimited text (CSV or TSV) as rows keyed by the header: quoted fields
 * (`"a, b"`, `""` for a quote) as RFC 4180 writes them, CRLF or LF. (A small
 * reader: no CSV library is installed in this repository.)
 */
function parseDelimited(text: string, delimiter: string): Row[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('a quoted field is not closed');
  if (field !== '' || record.length) records.push([...record, field]);
  const [header, ...rows] = records.filter(r => r.length > 1 || r[0] !== '');
  if (!header) return [];
  return rows.map(values =>
    Object.fromEntries(header.map((name, i) => [name, values[i]])),
  );
}

/** JSON or YAML plot data: a list of objects, or an object holding one (`{ "roc": [...] }`). */
function rowsOfDocument(doc: unknown): Row[] {
  let list: unknown[] | undefined;
  if (Array.isArray(doc)) list = doc;
  else if (isRecord(doc)) list = Object.values(doc).find(Array.isArray);
  if (!list)
    throw new Error('expected a list of objects (or an object holding one)');
  return list.filter(isRecord);
}

function rowsOf(path: string, text: string): Row[] {
  if (/\.csv$/i.test(path)) return parseDelimited(text, ',');
  if (/\.tsv$/i.test(path)) return parseDelimited(text, '\t');
  if (/\.(json|ya?ml)$/i.test(path))
    return rowsOfDocument(parseDvcYamlFile(path, text));
  throw new Error(
    'only CSV, TSV, JSON and YAML plots are drawn (images and other files are not)',
  );
}

const asNumber = (value: unknown) => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
};

/** Keeps at most `max` rows, evenly spread, the first and last included. */
function sample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from(
    { length: max },
    (_, i) => items[Math.round((i * (items.length - 1)) / (max - 1))],
  );
}

/**
 * A declared plot with its data, drawn as DVC would: `x` (default: the row
 * number, DVC's `step`) against `y` (default: the last column); the
 * `confusion` templates as counts of (x = actual, y = predicted) pairs. A file
 * that is missing, too large, malformed or without those columns gives the
 * plot an `error` to show instead, never an exception.
 *
 * @public
 */
export function readDvcPlot(
  declaration: DvcPlotDeclaration,
  text: string | undefined,
): DvcPlot {
  const plot: DvcPlot = { ...declaration };
  if (text === undefined) {
    return {
      ...plot,
      error: `${declaration.path} is not in the repository (a plot DVC caches is not committed to git; run the pipeline or commit it with cache: false)`,
    };
  }
  try {
    if (new TextEncoder().encode(text).length > DVC_MAX_FILE_BYTES) {
      throw new Error(
        `file is larger than the ${DVC_MAX_FILE_BYTES} bytes allowed`,
      );
    }
    const rows = rowsOf(declaration.path, text);
    if (!rows.length) throw new Error('no rows');
    const columns = Object.keys(rows[0]);
    const y = declaration.y ?? columns[columns.length - 1];
    const x = declaration.x;
    for (const column of [x, y]) {
      if (column !== undefined && !columns.includes(column)) {
        throw new Error(
          `no column '${column}' (columns: ${columns.join(', ')})`,
        );
      }
    }
    if (declaration.template?.startsWith('confusion')) {
      if (!x)
        throw new Error('a confusion plot needs x (actual) and y (predicted)');
      const labels = [
        ...new Set(rows.flatMap(r => [String(r[x]), String(r[y])])),
      ].sort();
      const counts = labels.map(() => labels.map(() => 0));
      for (const r of rows)
        counts[labels.indexOf(String(r[x]))][labels.indexOf(String(r[y]))]++;
      return { ...plot, x, y, confusion: { labels, counts } };
    }
    const points = rows.map((r, i) => ({
      x: x === undefined ? i : asNumber(r[x]),
      y: asNumber(r[y]),
    }));
    const bad = points.findIndex(
      p => !Number.isFinite(p.x) || !Number.isFinite(p.y),
    );
    if (bad >= 0) {
      throw new Error(
        `row ${bad + 1} has a value that is not a number in ${
          x ? `'${x}' or ` : ''
        }'${y}'`,
      );
    }
    return {
      ...plot,
      y,
      ...(x ? {} : { xLabel: declaration.xLabel ?? 'step' }),
      points: sample(points, DVC_PLOT_MAX_POINTS),
    };
  } catch (error) {
    return {
      ...plot,
      error: `${declaration.path}: ${(error as Error).message}`,
    };
  }
}
