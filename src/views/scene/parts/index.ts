// Shared parts of the scene pictures: small presentational SVG pieces (hosts, VM cards, links,
// storage, the switch). Pure props in; the ones that move take `animate` (false = reduced motion)
// and time their movement from MOTION (../../motion.ts).
export type { HostProps, RoleHostProps } from './Host';
export { Host, RoleHost } from './Host';
export type { LabelledBoxProps } from './LabelledBox';
export { LabelledBox } from './LabelledBox';
export type { LinkProps, PipeLinkState } from './Link';
export { Link, PipeLink, packetOffsets } from './Link';
export { pathOf } from './path';
export type { SceneSvgProps } from './SceneSvg';
export { SceneSvg } from './SceneSvg';
export type { StorageBoxProps } from './StorageBox';
export { StorageBox } from './StorageBox';
export type { SwitchBoxProps, SwitchRow } from './SwitchBox';
export { SwitchBox } from './SwitchBox';
export { sameData } from './sameData';
export { stackOnHosts } from './stack';
export type { TextLine } from './TextLines';
export { TextLines } from './TextLines';
export type { DataAttributes } from './types';
export type { VmCardProps, VmChipProps } from './VmCard';
export { percent, sameChip, VmCard, VmChip } from './VmCard';
