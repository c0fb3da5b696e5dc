/** `rvstark id prog.elf`: prints the image id a verifier pins (docs/IMAGE_ID.md). */
import { loadElf } from '../vm/elf.js';
import { imageIdHex } from '../vm/image-id.js';
import { readFileOrFail } from './common.js';

export function idCommand(elfPath: string, opts: { json?: boolean }): number {
  const program = loadElf(readFileOrFail(elfPath, 'ELF'));
  const id = imageIdHex(program);
  process.stdout.write(opts.json ? `${JSON.stringify({ image_id: id, entry: program.entry })}\n` : `${id}\n`);
  return 0;
}
