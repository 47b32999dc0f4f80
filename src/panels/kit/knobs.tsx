/** Set-up knobs several panels offer. */
import type { CpuVendor } from '../../model/world';

/** The destination host's processor maker (a different one breaks the live migration requirement). */
export function DestinationCpuKnob({
  value,
  onChange,
}: {
  value: CpuVendor;
  onChange: (v: CpuVendor) => void;
}) {
  return (
    <label>
      Processors in HV-B{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as CpuVendor)}>
        <option value="Intel">Intel (same as HV-A)</option>
        <option value="AMD">AMD</option>
      </select>
    </label>
  );
}
