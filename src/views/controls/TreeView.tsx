import { type KeyboardEvent, useRef, useState } from 'react';

export interface TreeNode {
  id: string;
  name: string;
  children: readonly TreeNode[];
  /** The running state ("Now"): marked current, not selectable. */
  current?: boolean;
  /** A short note after the name (e.g. "merge pending"). */
  note?: string;
}

export interface TreeViewProps {
  label: string;
  roots: readonly TreeNode[];
  selected: string | null;
  onSelect(id: string | null): void;
}

interface Flat {
  node: TreeNode;
  parent: string | null;
}

function flatten(nodes: readonly TreeNode[], parent: string | null, out: Flat[] = []): Flat[] {
  for (const node of nodes) {
    out.push({ node, parent });
    flatten(node.children, node.id, out);
  }
  return out;
}

/**
 * A tree (WAI-ARIA tree pattern, every branch expanded): one `treeitem` per node, nested under its
 * parent in a `group`; the current node carries `aria-current="true"`, the selected one
 * `aria-selected="true"`. One item is in the tab order; Up / Down / Home / End move, Left goes to
 * the parent, Right to the first child, Enter or Space selects (a click too). The keys it handles
 * do not reach the page's presenter keys.
 */
export function TreeView({ label, roots, selected, onSelect }: TreeViewProps) {
  const items = flatten(roots, null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLDivElement>());
  const focusable =
    items.find((i) => i.node.id === focusId)?.node.id ??
    items.find((i) => i.node.id === selected)?.node.id ??
    items[0]?.node.id;
  const moveTo = (id: string | undefined) => {
    if (!id) return;
    setFocusId(id);
    refs.current.get(id)?.focus();
  };
  const choose = (n: TreeNode) => onSelect(n.current ? null : n.id);
  const onKey = (e: KeyboardEvent<HTMLDivElement>, at: number) => {
    const here = items[at];
    if (!here) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(items[at + 1]?.node.id),
      ArrowUp: () => moveTo(items[at - 1]?.node.id),
      Home: () => moveTo(items[0]?.node.id),
      End: () => moveTo(items[items.length - 1]?.node.id),
      ArrowLeft: () => moveTo(here.parent ?? undefined),
      ArrowRight: () => moveTo(here.node.children[0]?.id),
      Enter: () => choose(here.node),
      ' ': () => choose(here.node),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    e.stopPropagation();
    act();
  };
  const render = (nodes: readonly TreeNode[]) =>
    nodes.map((n) => {
      const at = items.findIndex((i) => i.node === n);
      return (
        <div
          key={n.id}
          ref={(el) => {
            if (el) refs.current.set(n.id, el);
            else refs.current.delete(n.id);
          }}
          role="treeitem"
          aria-label={n.name}
          aria-selected={n.current ? undefined : n.id === selected}
          aria-current={n.current ? 'true' : undefined}
          aria-expanded={n.children.length > 0 ? true : undefined}
          tabIndex={n.id === focusable ? 0 : -1}
          className="ctl-tree-item"
          onClick={(e) => {
            e.stopPropagation();
            setFocusId(n.id);
            choose(n);
          }}
          onKeyDown={(e) => onKey(e, at)}
        >
          <span className="ctl-tree-label" data-current={n.current || undefined}>
            {n.name}
            {n.note ? <span className="muted"> ({n.note})</span> : null}
          </span>
          {n.children.length > 0 && (
            // biome-ignore lint/a11y/useSemanticElements: the WAI-ARIA tree pattern's group of child items
            <div role="group">{render(n.children)}</div>
          )}
        </div>
      );
    });
  return (
    <div role="tree" aria-label={label} className="ctl-tree">
      {render(roots)}
    </div>
  );
}
