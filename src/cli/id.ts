/**
 * `rvstark id prog.elf [--preset default|fast]`: prints the image id a verifier pins
 * (docs/IMAGE_ID.md, "Image id v2 (receipts)"): it hashes the machine's verifying key, whose
 * parameters are the preset's, so the id depends on the preset.
 */
import { loadElf } from '../vm/elf.js';
import { imageIdHex } from '../vm/image-id.js';
import { isPresetName } from '../zkvm/presets.js';
import { CliError, readFileOrFail } from './common.js';

export async function idCommand(elfPath: string, opts: { json?: boolean; preset?: string }): Promise<number> {
  const preset = opts.preset ?? 'default';
  if (!isPresetName(preset)) throw new CliError(`--preset expects default or fast, got "${preset}"`);
  const elf = readFileOrFail(elfPath, 'ELF');
  const program = loadElf(elf);
  const { elfImageId } = await import('../zkvm/image-id.js');
  const id = Buffer.from(elfImageId(elf, preset)).toString('hex');
  process.stdout.write(
    opts.json
      ? `${JSON.stringify({ image_id: id, preset, entry: program.entry, image_id_v1: imageIdHex(program) })}\n`
      : `${id}\n`,
  );
  return 0;
}
