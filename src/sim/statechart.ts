/**
 * The shape of a process machine, read from its definition, for the live statechart view:
 * one node per leaf state (titled from its step meta) and one edge per (from, to) pair with the
 * events that take it. Pure; knows XState, not React.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { StepMeta } from '../machines/step';

export interface ChartNode {
  id: string;
  label: string;
  step?: number;
  group?: string;
  kind: 'normal' | 'final' | 'failure';
}

export interface ChartEdge {
  from: string;
  to: string;
  label: string;
}

const FAILURE_WORDS = /fail|cancel|refus|abort/i;

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Leaf id relative to the machine root, e.g. "migrating.copyingMemory". */
function relId(node: AnyStateNode): string {
  return node.path.join('.');
}

function leaves(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) return [node];
  return children.flatMap(leaves);
}

function initialLeaf(node: AnyStateNode): AnyStateNode {
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) return node;
  const initialKey = (node.config as { initial?: string }).initial;
  const first = (initialKey ? node.states[initialKey] : children[0]) as AnyStateNode;
  return initialLeaf(first);
}

export function statechartOf(machine: AnyStateMachine): { nodes: ChartNode[]; edges: ChartEdge[] } {
  const all = leaves(machine.root);
  const nodes: ChartNode[] = all.map((n) => {
    const meta = n.meta as StepMeta | undefined;
    const isFinal = n.type === 'final';
    return {
      id: relId(n),
      label: meta ? meta.title : humanize(n.key),
      ...(meta ? { step: meta.step } : {}),
      ...(n.path.length > 1 ? { group: n.path[0] as string } : {}),
      kind: isFinal ? (FAILURE_WORDS.test(n.key) ? 'failure' : 'final') : 'normal',
    };
  });
  const edges = new Map<string, ChartEdge>();
  const add = (from: string, to: string, event: string) => {
    const key = `${from}->${to}`;
    const label = event === 'STEP_DONE' ? 'done' : event.toLowerCase().replace(/_/g, ' ');
    const e = edges.get(key);
    if (!e) edges.set(key, { from, to, label });
    else if (!e.label.split(', ').includes(label)) e.label = `${e.label}, ${label}`;
  };
  const visit = (node: AnyStateNode) => {
    for (const [event, defs] of node.transitions) {
      for (const def of defs) {
        for (const target of def.target ?? []) {
          const to = relId(initialLeaf(target as AnyStateNode));
          // A transition on a parent applies from each of its leaves; draw it once from the parent's
          // first leaf group to keep the chart readable: from every leaf of the node.
          for (const leaf of leaves(node)) add(relId(leaf), to, event);
        }
      }
    }
    // Eventless (`always`) transitions: a transient state that decides where to go next.
    for (const def of node.always ?? []) {
      for (const target of def.target ?? []) {
        const to = relId(initialLeaf(target as AnyStateNode));
        for (const leaf of leaves(node)) add(relId(leaf), to, 'THEN');
      }
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
  return { nodes, edges: [...edges.values()] };
}

/** The id of the active leaf, as used by statechartOf. */
export function activeLeafId(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
    return `${k}.${activeLeafId(v)}`;
  }
  return '';
}
