/**
 * The URL codec: `#/route?name=value&…` <-> route + validated parameters (CONTRACT.md). Every
 * value is checked against the model's ranges with valibot; a bad value yields a message naming
 * the parameter and its range, and the default is used instead. Never throws.
 */
import * as v from 'valibot';
import {
  NUMERIC_PARAMS,
  type NumericParamName,
  type ParamError,
  type ParamName,
  type ParamRanges,
  type ParamValues,
  specOf,
  TRANSPORT_VALUES,
} from '../model/parameters';

export type { ParamError, ParamName, ParamValues };

export interface ParsedLocation {
  /** Normalised route, e.g. "/mobility/live-migration-2008r2" ("/" for the overview). */
  route: string;
  /** Raw query values as they were in the URL. */
  raw: Record<string, string>;
}

export function parseHash(hash: string): ParsedLocation {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = body.indexOf('?');
  const path = q === -1 ? body : body.slice(0, q);
  const query = q === -1 ? '' : body.slice(q + 1);
  let route = path.trim() === '' ? '/' : path.trim();
  if (!route.startsWith('/')) route = `/${route}`;
  if (route.length > 1 && route.endsWith('/')) route = route.slice(0, -1);
  const raw: Record<string, string> = {};
  for (const [k, val] of new URLSearchParams(query)) raw[k] = val;
  return { route, raw };
}

function numberSchema(name: NumericParamName, ranges?: ParamRanges) {
  const s = specOf(name, ranges);
  const range = `between ${s.min} and ${s.max}${s.unit === 'count' || s.unit === 'integer' || s.unit === 'ratio' || s.unit === 'x' ? '' : ` ${s.unit}`}`;
  return v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/, `${name} must be a number ${range}`),
    v.transform(Number),
    v.number(),
    v.finite(`${name} must be a number ${range}`),
    v.check((n) => !s.integer || Number.isInteger(n), `${name} must be a whole number ${range}`),
    v.minValue(s.min, `${name} must be ${range}`),
    v.maxValue(s.max, `${name} must be ${range}`),
  );
}

const transportSchema = v.picklist(
  TRANSPORT_VALUES,
  `transport must be one of ${TRANSPORT_VALUES.join(', ')}`,
);
const rdmaSchema = v.picklist(['0', '1'], 'rdma must be 0 or 1');

function shown(value: string): string {
  return value.length > 24 ? `${value.slice(0, 24)}…` : value;
}

/** Validate the parameters a panel uses; others are ignored (CONTRACT: shared, ignored if unused). */
export function parseParams(
  raw: Record<string, string>,
  accepted: readonly ParamName[],
  ranges?: ParamRanges,
): { values: ParamValues; errors: ParamError[] } {
  const values: ParamValues = {};
  const errors: ParamError[] = [];
  for (const name of accepted) {
    const value = raw[name];
    if (value === undefined) continue;
    if (name === 'transport') {
      const r = v.safeParse(transportSchema, value);
      if (r.success) values.transport = r.output;
      else
        errors.push({
          name,
          message: `${r.issues[0].message} (got "${shown(value)}"); using tcp.`,
        });
      continue;
    }
    if (name === 'rdma') {
      const r = v.safeParse(rdmaSchema, value);
      if (r.success) values.rdma = r.output === '1';
      else
        errors.push({ name, message: `${r.issues[0].message} (got "${shown(value)}"); using 0.` });
      continue;
    }
    const r = v.safeParse(numberSchema(name, ranges), value);
    if (r.success) values[name] = r.output;
    else {
      const def = specOf(name, ranges).default;
      errors.push({
        name,
        message: `${r.issues[0].message} (got "${shown(value)}"); using the default, ${def}.`,
      });
    }
  }
  return { values, errors };
}

// ---- the shell's parameters (CONTRACT "Presenting, touring and checking yourself") -------------

/** The shell's switches in the URL, beside a panel's parameters: 0 or 1 each. */
export const SHELL_PARAMS = ['present', 'quiz', 'handout'] as const;
export type ShellParamName = (typeof SHELL_PARAMS)[number];

/** The shell's switches as the URL gives them (absent: not given). */
export type ShellParams = Partial<Record<ShellParamName, boolean>>;

/** What a switch does, and what happens when its value is refused. */
const SHELL_MEANING: Record<ShellParamName, { on: string; fallback: string }> = {
  present: { on: '1 opens the panel in presenter mode', fallback: 'presenter mode stays off' },
  quiz: {
    on: '0 turns the self-check questions off',
    fallback: 'the questions follow the setting',
  },
  handout: { on: '1 shows the printable handout', fallback: 'the panel is shown' },
};

/** A refused shell switch, named with what it accepts. */
export interface ShellParamError {
  name: ShellParamName;
  message: string;
}

/** Validate the shell's switches (`present`, `quiz`, `handout`); never throws. */
export function parseShell(raw: Record<string, string>): {
  shell: ShellParams;
  errors: ShellParamError[];
} {
  const shell: ShellParams = {};
  const errors: ShellParamError[] = [];
  for (const name of SHELL_PARAMS) {
    const value = raw[name];
    if (value === undefined) continue;
    const meaning = SHELL_MEANING[name];
    const r = v.safeParse(
      v.picklist(['0', '1'], `${name} must be 0 or 1 (${meaning.on})`),
      value.trim(),
    );
    if (r.success) shell[name] = r.output === '1';
    else
      errors.push({
        name,
        message: `${r.issues[0].message}; got "${shown(value)}", so ${meaning.fallback}.`,
      });
  }
  return { shell, errors };
}

/** Build a shareable hash; parameters equal to their (the panel's) defaults are left out. */
export function buildHash(
  route: string,
  values: ParamValues,
  ranges?: ParamRanges,
  shell: ShellParams = {},
): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (name === 'transport') {
      if (value !== 'tcp') q.set(name, String(value));
    } else if (name === 'rdma') {
      if (value) q.set(name, '1');
    } else {
      const spec = NUMERIC_PARAMS[name as NumericParamName]
        ? specOf(name as NumericParamName, ranges)
        : undefined;
      if (spec && value !== spec.default) q.set(name, String(value));
    }
  }
  if (shell.present) q.set('present', '1');
  if (shell.quiz !== undefined) q.set('quiz', shell.quiz ? '1' : '0');
  if (shell.handout) q.set('handout', '1');
  const qs = q.toString();
  return `#${route}${qs ? `?${qs}` : ''}`;
}
