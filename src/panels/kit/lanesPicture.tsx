/**
 * Picture parts the lanes panels share (the cluster's and the SMB pictures): the VMs as chips
 * stacked on their hosts, the live migration network (its words left out of the compact
 * thumbnail) and the shared storage, a box with a title and a caption. Pure props in.
 */
import type { ReactNode } from 'react';
import {
  type DataAttributes,
  Link,
  type LinkProps,
  StorageBox,
  type StorageBoxProps,
  stackOnHosts,
  VmChip,
  type VmChipProps,
} from '../../views/scene/parts';

/** A VM (or its shell) on a host, as the chips draw it. */
export interface LaneCard {
  /** Stable key: the VM id, or `<id>:shell` for a shell. */
  key: string;
  name: string;
  host: string;
  kind: string;
  /** A shell's share of the memory received, 0..1. */
  fill?: number;
}

/**
 * The cards as chips of `size`, stacked on their hosts: `at` places a host's slot; `label`,
 * `detail` and `data` are a card's own (see `VmChip`).
 */
export function LaneChips<C extends LaneCard>({
  cards,
  hosts,
  at,
  className,
  size,
  dot,
  textX,
  textDy,
  label,
  detail,
  data,
  animate,
}: {
  cards: readonly C[];
  hosts: readonly { id: string }[];
  at: (hostIndex: number, slot: number) => { x: number; y: number };
  className: string;
  size: { width: number; height: number };
  dot: VmChipProps['dot'];
  textX: number;
  textDy: number;
  label: (card: C) => VmChipProps['label'];
  detail?: (card: C) => VmChipProps['detail'];
  data?: (card: C) => DataAttributes;
  animate: boolean;
}) {
  return (
    <>
      {stackOnHosts(cards, hosts, at).map(({ card, pos }) => {
        const more = detail?.(card);
        return (
          <VmChip
            key={card.key}
            className={className}
            name={card.name}
            kind={card.kind}
            {...(card.fill !== undefined ? { fill: card.fill } : {})}
            label={label(card)}
            {...(more ? { detail: more } : {})}
            box={{ ...pos, ...size }}
            dot={dot}
            textX={textX}
            textDy={textDy}
            animate={animate}
            {...(data ? { data: data(card) } : {})}
          />
        );
      })}
    </>
  );
}

/** The live migration network between the hosts; its words are left out when `compact`. */
export function LaneNetwork({
  className,
  at,
  label,
  network,
  compact,
}: {
  className: string;
  at: LinkProps['at'];
  label: NonNullable<LinkProps['label']>;
  network: { up: boolean; active: boolean };
  compact?: boolean | undefined;
}) {
  return (
    <Link
      className={className}
      at={at}
      {...(compact ? {} : { label })}
      up={network.up}
      active={network.active}
    />
  );
}

/**
 * The storage the hosts share, a box with its title and caption (classes `<textPrefix>-title`,
 * `<textPrefix>-sub`) and what it holds drawn on top.
 */
export function SharedStorage({
  className,
  textPrefix,
  box,
  r,
  title,
  caption,
  children,
}: {
  className: string;
  textPrefix: string;
  box: StorageBoxProps['box'];
  /** Corner radius. */
  r: number;
  title: { text: string; dy: number };
  caption: { text: string; dy: number };
  children?: ReactNode;
}) {
  return (
    <StorageBox
      className={className}
      shape="rect"
      box={box}
      r={r}
      padX={14}
      lines={[
        { text: title.text, className: `${textPrefix}-title`, dy: title.dy },
        { text: caption.text, className: `${textPrefix}-sub`, dy: caption.dy },
      ]}
    >
      {children}
    </StorageBox>
  );
}
