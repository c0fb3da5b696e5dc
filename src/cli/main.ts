#!/usr/bin/env node
/**
 * The `rvstark` command line. Every error ends here as one line `error: <message>`
 * (no stack trace) with exit status 0 ok, 1 guest fault or failed build, 2 usage or
 * input error. Commands live one per file; prove/verify/bench are registered later.
 */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { ElfError, ExecutionError } from '../vm/errors.js';
import { buildCommand } from './build.js';
import { CliError, EXIT_FAULT, EXIT_USAGE } from './common.js';
import { idCommand } from './id.js';
import { runCommand } from './run.js';

function makeProgram(): Command {
  const program = new Command();
  program
    .name('rvstark')
    .description('Run, build and (soon) prove RV32IM programs')
    .version(VERSION, '-V, --version', 'print the rvstark version')
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(`${str.trimEnd().replace(/^error: /, 'error: ')}\n`),
    })
    .showHelpAfterError(false);

  program
    .command('run')
    .description('execute an RV32IM ELF: output, exit code, cycles, opcode histogram')
    .argument('<prog.elf>', 'the guest program')
    .addOption(new Option('--input <file>', 'input bytes from a file').conflicts('inputHex'))
    .addOption(new Option('--input-hex <hex>', 'input bytes as hex'))
    .option('--output <file>', 'write the output (journal) bytes to a file')
    .option('--max-cycles <n>', 'stop with an error after n cycles')
    .option('--json', 'print one JSON object for machines')
    .option('--profile', 'print cycles per function (from the ELF symbol table)')
    .action((elf: string, opts) => {
      process.exitCode = runCommand(elf, opts);
    });

  program
    .command('id')
    .description('print the image id of an ELF (what a verifier pins)')
    .argument('<prog.elf>', 'the guest program')
    .option('--json', 'print JSON')
    .action((elf: string, opts) => {
      process.exitCode = idCommand(elf, opts);
    });

  program
    .command('build')
    .description('compile a C guest with the rvstark SDK (riscv64-unknown-elf-gcc)')
    .argument('<sources...>', 'C or assembly sources')
    .requiredOption('-o, --output <prog.elf>', 'output ELF')
    .option('--picolibc', 'link picolibc (printf, malloc, ...) instead of the freestanding runtime')
    .option('--cflags <flags>', 'extra compiler flags, space separated')
    .action((sources: string[], opts) => {
      process.exitCode = buildCommand(sources, opts);
    });
  return program;
}

function main(argv: string[]): void {
  try {
    makeProgram().parse(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" with exit code 0; commander already printed them.
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    const err = e as Error;
    const status =
      e instanceof CliError
        ? e.exitCode
        : e instanceof ExecutionError
          ? EXIT_FAULT
          : e instanceof ElfError || e instanceof RangeError
            ? EXIT_USAGE
            : EXIT_FAULT;
    process.stderr.write(`error: ${String(err?.message ?? err).split('\n')[0]}\n`);
    process.exitCode = status;
  }
}

main(process.argv);
