/**
 * Live migration transports (CATALOG 4.7, seeds 000 and 003): how fast guest memory crosses the
 * network and what it costs in CPU.
 *
 * The posters give the qualitative rules (compression spends spare CPU and helps below 10 Gb/s;
 * SMB Multichannel uses several adapters at once; SMB Direct copies memory without the operating
 * system, at high throughput with low CPU). The constants below are this product's assumptions,
 * chosen to be in the range such systems reach; every figure on screen is computed from them.
 */
import { gbpsToBytesPerS } from './units';

export type TransportChoice = 'tcp' | 'compression' | 'smb';
export type TransportKind = 'tcp' | 'compression' | 'smb-multichannel' | 'smb-direct';

export const TRANSPORT_LABELS: Record<TransportKind, string> = {
  tcp: 'TCP/IP',
  compression: 'Compression',
  'smb-multichannel': 'SMB Multichannel',
  'smb-direct': 'SMB Direct',
};

/** Share of the line rate a single TCP stream carries as payload. */
export const TCP_EFFICIENCY = 0.9;
/** Share of the line rate SMB 3 carries as payload on each adapter. */
export const SMB_EFFICIENCY = 0.92;
/** Share of the line rate an RDMA adapter carries as payload. */
export const RDMA_EFFICIENCY = 0.97;
/** CPU spent by the TCP/IP stack per gigabyte moved (core-seconds per GB). */
export const TCP_CORE_S_PER_GB = 0.45;
/** CPU spent by SMB over TCP per gigabyte moved. */
export const SMB_CORE_S_PER_GB = 0.4;
/** CPU spent with RDMA per gigabyte moved: the adapter does the copy. */
export const RDMA_CORE_S_PER_GB = 0.02;
/** Guest memory one core compresses per second (uncompressed bytes). */
export const COMPRESSION_BYTES_PER_CORE_S = 400e6;
/** Memory bandwidth available to the copy; caps SMB Direct however many adapters are added. */
export const MEMORY_BUS_BYTES_PER_S = 12e9;

export interface TransportInput {
  transport: TransportChoice;
  /** Adapters are RDMA-capable: with `smb`, SMB Direct is used. */
  rdma: boolean;
  /** Speed of each live migration adapter, Gbit/s. */
  linkGbps: number;
  /** Number of live migration adapters. */
  nics: number;
  /** How well guest memory compresses (2 = to half its size). */
  compressionRatio: number;
  /** Host cores free for compression. */
  spareCores: number;
}

export type Bottleneck = 'network' | 'cpu' | 'memory-bus';

export interface EffectiveLink {
  kind: TransportKind;
  label: string;
  /** Guest memory bytes moved per second. */
  memoryBytesPerS: number;
  /** Bytes on the wire per byte of guest memory (below 1 when compressed). */
  wireBytesPerMemoryByte: number;
  /** Cores busy while memory is being sent. */
  cpuCores: number;
  bottleneck: Bottleneck;
  /** Adapters carrying the traffic. */
  nicsUsed: number;
  /** Line rate of the adapters in use, bytes/s (for drawing the link's utilisation). */
  lineBytesPerS: number;
  /** Why the model chose what it did, in the product's words, when it departs from the choice. */
  note?: string;
}

function tcpLink(input: TransportInput, note?: string): EffectiveLink {
  const line = gbpsToBytesPerS(input.linkGbps);
  const rate = line * TCP_EFFICIENCY;
  return {
    kind: 'tcp',
    label: TRANSPORT_LABELS.tcp,
    memoryBytesPerS: rate,
    wireBytesPerMemoryByte: 1,
    cpuCores: (rate / 1e9) * TCP_CORE_S_PER_GB,
    bottleneck: 'network',
    nicsUsed: 1,
    lineBytesPerS: line,
    ...(note ? { note } : {}),
  };
}

function compressionLink(input: TransportInput): EffectiveLink {
  if (input.spareCores <= 0 || input.compressionRatio <= 1) {
    return tcpLink(
      input,
      input.spareCores <= 0
        ? 'No spare cores: Hyper-V takes only spare CPU, so memory goes uncompressed.'
        : 'Memory that does not compress is sent as it is.',
    );
  }
  const line = gbpsToBytesPerS(input.linkGbps);
  const wireRate = line * TCP_EFFICIENCY;
  const networkBound = wireRate * input.compressionRatio;
  const cpuBound = input.spareCores * COMPRESSION_BYTES_PER_CORE_S;
  const rate = Math.min(networkBound, cpuBound);
  const wireBytesPerMemoryByte = 1 / input.compressionRatio;
  const compressCores = rate / COMPRESSION_BYTES_PER_CORE_S;
  const stackCores = ((rate * wireBytesPerMemoryByte) / 1e9) * TCP_CORE_S_PER_GB;
  return {
    kind: 'compression',
    label: TRANSPORT_LABELS.compression,
    memoryBytesPerS: rate,
    wireBytesPerMemoryByte,
    cpuCores: compressCores + stackCores,
    bottleneck: cpuBound < networkBound ? 'cpu' : 'network',
    nicsUsed: 1,
    lineBytesPerS: line,
  };
}

function smbLink(input: TransportInput): EffectiveLink {
  const line = gbpsToBytesPerS(input.linkGbps) * input.nics;
  if (input.rdma) {
    const networkBound = line * RDMA_EFFICIENCY;
    const rate = Math.min(networkBound, MEMORY_BUS_BYTES_PER_S);
    return {
      kind: 'smb-direct',
      label: TRANSPORT_LABELS['smb-direct'],
      memoryBytesPerS: rate,
      wireBytesPerMemoryByte: 1,
      cpuCores: (rate / 1e9) * RDMA_CORE_S_PER_GB,
      bottleneck: MEMORY_BUS_BYTES_PER_S < networkBound ? 'memory-bus' : 'network',
      nicsUsed: input.nics,
      lineBytesPerS: line,
    };
  }
  const rate = line * SMB_EFFICIENCY;
  return {
    kind: 'smb-multichannel',
    label: TRANSPORT_LABELS['smb-multichannel'],
    memoryBytesPerS: rate,
    wireBytesPerMemoryByte: 1,
    cpuCores: (rate / 1e9) * SMB_CORE_S_PER_GB,
    bottleneck: 'network',
    nicsUsed: input.nics,
    lineBytesPerS: line,
  };
}

/** The effective memory-copy link for a transport choice on the given hardware. */
export function effectiveLink(input: TransportInput): EffectiveLink {
  switch (input.transport) {
    case 'tcp':
      return tcpLink(input);
    case 'compression':
      return compressionLink(input);
    case 'smb':
      return smbLink(input);
  }
}

/** The link with its bandwidth shared by `sharers` concurrent migrations (cluster panel). */
export function shareLink(link: EffectiveLink, sharers: number): EffectiveLink {
  const n = Math.max(1, sharers);
  return { ...link, memoryBytesPerS: link.memoryBytesPerS / n, cpuCores: link.cpuCores / n };
}
