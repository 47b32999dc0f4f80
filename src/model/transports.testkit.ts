/** Test-only: the poster's transport guidance, to check the model against. */
import type { TransportKind } from './transports';

/** The poster's guidance (000): compression below 10 Gb/s, SMB Direct or Multichannel at and above. */
export function recommendedTransport(linkGbps: number, rdma: boolean): TransportKind {
  if (linkGbps < 10) return 'compression';
  return rdma ? 'smb-direct' : 'smb-multichannel';
}
