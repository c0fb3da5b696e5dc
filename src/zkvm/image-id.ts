// The image id v2 of an ELF at a preset: what `rvstark id` prints and `verify --image-id` pins.

import { buildMachine, machineImageId } from '../../circuits/machine/index.js';
import type { StarkParams } from '../fri/params.js';
import { loadElf } from '../vm/index.js';
import { PRESETS, type PresetName } from './presets.js';

/** Image id v2 (docs/IMAGE_ID.md): depends on the preset, whose parameters are in the key. */
export function elfImageId(elf: Uint8Array, preset: PresetName | StarkParams = 'default'): Uint8Array {
  const params = typeof preset === 'string' ? PRESETS[preset] : preset;
  if (params === undefined) throw new RangeError(`unknown preset ${String(preset)}`);
  return machineImageId(buildMachine(loadElf(elf)), params);
}
