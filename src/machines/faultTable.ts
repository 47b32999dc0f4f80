/**
 * Faults as a table. A process says, per phase and per fault event, what happens: the guard that
 * must hold, the state the run goes to (or none: it stays where it is), and the context update
 * (the world change, the outcome and the narration). `faultTable` compiles the table into the
 * machine's `on:` transition objects, one per phase, and the named assign actions they run.
 *
 * A phase is just a name: 'idle', 'beforeSwitch', 'afterSwitch' for a migration; 'running',
 * 'nodeDown' for a node failing under running VMs; 'merging' for a snapshot merge. Rows that
 * several phases share (the same storage faults before and after a switch, say) are written once
 * and placed in each phase; rows sharing an action name must share the update.
 *
 * @example
 * const FAULTS = faultTable<Ctx, Ev>()({
 *   idle: {
 *     CUT_NETWORK: { guard: 'networkUp', action: 'idleCut', update: (c, e) => noteFault(c, e.t, …) },
 *   },
 *   beforeSwitch: {
 *     CUT_NETWORK: { target: 'failed', action: 'cutNetworkRollback', update: rollBackAfterCut },
 *     CANCEL: { target: 'cancelled', action: 'cancelRollback', update: rollBackOnCancel },
 *   },
 * });
 * setup({ actions: { ...FAULTS.actions, … } }).createMachine({
 *   states: { idle: { on: { START: …, ...FAULTS.on.idle } }, migrating: { on: FAULTS.on.beforeSwitch } },
 * });
 */
import { type AnyEventObject, assign, type MachineContext } from 'xstate';

/** One row of the table: taken when its guard holds (rows of one event are tried in order). */
export interface FaultRow<C, E, A extends string = string, G extends string = string> {
  /** The named assign action compiled from `update`. */
  action: A;
  /** The world change, the outcome and the narration, as an update of the context. */
  update: (context: C, event: E) => Partial<C>;
  /** A guard of the machine (by name); none: always taken. */
  guard?: G;
  /** The state the run goes to (an outcome state); none: the run stays in its phase. */
  target?: string;
}

export type FaultRows<C, E, A extends string = string, G extends string = string> =
  | FaultRow<C, E, A, G>
  | readonly FaultRow<C, E, A, G>[];

/** Per phase, per event type, the rows. */
export type FaultTable<
  C,
  E extends AnyEventObject,
  A extends string = string,
  G extends string = string,
  P extends string = string,
> = Record<P, { readonly [K in E['type']]?: FaultRows<C, E, A, G> }>;

/** A compiled row: an XState transition object. */
export interface FaultTransition<A extends string, G extends string> {
  guard?: G;
  target?: string;
  actions: A;
}

type PhaseOn<E extends AnyEventObject, A extends string, G extends string> = {
  [K in E['type']]?: FaultTransition<A, G> | FaultTransition<A, G>[];
};

function transitionOf<A extends string, G extends string>(row: {
  action: A;
  guard?: G;
  target?: string;
}): FaultTransition<A, G> {
  return {
    ...(row.guard === undefined ? {} : { guard: row.guard }),
    ...(row.target === undefined ? {} : { target: row.target }),
    actions: row.action,
  };
}

/** The rows of a table cell, as a list. */
function rowsOf<R>(cell: R | readonly R[] | undefined): readonly R[] {
  if (cell === undefined) return [];
  return Array.isArray(cell) ? (cell as readonly R[]) : [cell as R];
}

/** The update functions of a table by action name (each name once; a name reused must share it). */
export function faultUpdates<C, E, A extends string>(
  table: Record<string, Partial<Record<string, FaultRows<C, E, A, string>>>>,
): Record<A, (context: C, event: E) => Partial<C>> {
  const out: Partial<Record<A, (context: C, event: E) => Partial<C>>> = {};
  for (const phase of Object.values(table)) {
    for (const cell of Object.values(phase)) {
      for (const row of rowsOf(cell)) {
        const known = out[row.action];
        if (known && known !== row.update)
          throw new Error(`fault table: action ${row.action} has two different updates`);
        out[row.action] = row.update;
      }
    }
  }
  return out as Record<A, (context: C, event: E) => Partial<C>>;
}

/** Compile a table for a machine with context `C` and events `E` (curried so A, G, P are inferred). */
export function faultTable<C extends MachineContext, E extends AnyEventObject>() {
  return <A extends string, G extends string, P extends string>(
    table: FaultTable<C, E, A, G, P>,
  ) => {
    const on = {} as Record<P, PhaseOn<E, A, G>>;
    for (const phase of Object.keys(table) as P[]) {
      const compiled: Record<string, FaultTransition<A, G> | FaultTransition<A, G>[]> = {};
      for (const [type, cell] of Object.entries(table[phase]) as [
        string,
        FaultRows<C, E, A, G> | undefined,
      ][]) {
        const rows = rowsOf(cell).map((row) => transitionOf<A, G>(row));
        const [first] = rows;
        if (first) compiled[type] = rows.length === 1 ? first : rows;
      }
      on[phase] = compiled as PhaseOn<E, A, G>;
    }
    const updates = faultUpdates<C, E, A>(table);
    const actions = Object.fromEntries(
      Object.entries(updates).map(([name, update]) => [
        name,
        assign<C, E, undefined, E, never>(({ context, event }) =>
          (update as (c: C, e: E) => Partial<C>)(context, event),
        ),
      ]),
    ) as Record<A, ReturnType<typeof assign<C, E, undefined, E, never>>>;
    return { on, actions, updates };
  };
}

/** The same row (or rows) for several event types: `{ ...forEach(['A', 'B'], row) }`. */
export function forEach<const K extends string, const R>(
  types: readonly K[],
  rows: R,
): Record<K, R> {
  return Object.fromEntries(types.map((k) => [k, rows])) as Record<K, R>;
}
