/**
 * The CLI's file system: the workbook read only when it is a regular file within the size
 * limit, and the checked copy written beside its target then renamed into place, never
 * reaching the input (issue 14). Every failure is one line, in French or English, naming the path.
 */
import { constants, promises as fs } from "fs";
import type { FileHandle } from "fs/promises";
import * as path from "path";
import type { Lang } from "../core/findings";
import { UnusableFileError } from "../file";
import { MAX_FILE_MB, MB } from "../file/limits";

/** A file the CLI cannot read or write; `message` is one line in the language asked for. */
export class CliFileError extends Error {}

/** Keeps a path on one line whatever it holds. */
function shown(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
}

/** What kind of thing a non-regular file is. */
function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }, lang: Lang): string {
  if (stat.isFIFO()) return lang === "fr" ? "un tube nommé (FIFO)" : "a named pipe (FIFO)";
  if (stat.isSocket()) return lang === "fr" ? "une socket" : "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return lang === "fr" ? "un périphérique" : "a device";
  return lang === "fr" ? "un fichier spécial" : "a special file";
}

/** The message for a system error on the input, or undefined for one this code does not know. */
function readErrorMessage(code: string | undefined, fileName: string, lang: Lang): string {
  const name = shown(fileName);
  const fr = lang === "fr";
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return fr ? `${name} : fichier introuvable.` : `${name}: file not found.`;
    case "EACCES":
    case "EPERM":
      return fr ? `${name} : lecture refusée (droits d'accès).` : `${name}: permission denied.`;
    case "EISDIR":
      return fr ? `${name} : c'est un dossier, pas un classeur.` : `${name}: a folder, not a workbook.`;
    case "ELOOP":
      return fr ? `${name} : lien symbolique qui boucle sur lui-même.` : `${name}: a symbolic link that loops on itself.`;
    case "ENAMETOOLONG":
      return fr ? `${name} : chemin trop long.` : `${name}: path too long.`;
    default:
      return fr ? `${name} : le fichier n'a pas pu être lu.` : `${name}: the file could not be read.`;
  }
}

/**
 * The bytes of the workbook at `file`. Refused at once, before reading anything: a folder, a
 * FIFO (which would wait for a writer forever), a device (`/dev/zero` never ends), a socket,
 * and a file over MAX_FILE_MB. Opened without blocking, then checked on the open handle, so the
 * file checked is the file read.
 */
export async function readInput(file: string, fileName: string, lang: Lang): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new CliFileError(readErrorMessage((e as NodeJS.ErrnoException).code, fileName, lang));
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new CliFileError(readErrorMessage("EISDIR", fileName, lang));
    if (!stat.isFile()) {
      throw new CliFileError(
        lang === "fr"
          ? `${shown(fileName)} : c'est ${kindOf(stat, lang)}, pas un fichier ; Pointage ne lit que des fichiers ordinaires.`
          : `${shown(fileName)}: this is ${kindOf(stat, lang)}, not a file; Pointage reads regular files only.`,
      );
    }
    if (stat.size > MAX_FILE_MB * MB) throw new UnusableFileError("too-large", fileName, undefined, { kind: "file-size" });
    // Exactly the size seen: a file that grows while it is read is not read past it.
    const bytes = new Uint8Array(stat.size);
    let done = 0;
    while (done < bytes.length) {
      const { bytesRead } = await handle.read(bytes, done, bytes.length - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === bytes.length ? bytes : bytes.subarray(0, done);
  } catch (e) {
    if (e instanceof CliFileError || e instanceof UnusableFileError) throw e;
    throw new CliFileError(readErrorMessage((e as NodeJS.ErrnoException).code, fileName, lang));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The input changed between the check and the copy (saved again meanwhile): a copy of it would not match the report. */
export function changedInputMessage(fileName: string, lang: Lang): string {
  return lang === "fr"
    ? `${shown(fileName)} a changé pendant le contrôle : la copie n'est pas écrite, relancez la commande.`
    : `${shown(fileName)} changed during the check: the copy is not written, run the command again.`;
}

/** The message for a system error on `--out`, naming the path as given. */
export function outErrorMessage(code: string | undefined, out: string, lang: Lang): string {
  const name = shown(out);
  const folder = shown(path.dirname(out));
  const fr = lang === "fr";
  const prefix = fr ? `--out ${name} : ` : `--out ${name}: `;
  switch (code) {
    case "ENOENT":
      return prefix + (fr ? `le dossier ${folder} n'existe pas ; la copie n'a pas été écrite.` : `folder ${folder} does not exist; the copy was not written.`);
    case "ENOTDIR":
      return prefix + (fr ? "un élément du chemin n'est pas un dossier ; la copie n'a pas été écrite." : "part of the path is not a folder; the copy was not written.");
    case "EISDIR":
      return prefix + (fr ? "c'est un dossier ; donnez le nom du fichier .xlsx à écrire." : "this is a folder; give the name of the .xlsx file to write.");
    case "EACCES":
    case "EPERM":
      return prefix + (fr ? "écriture refusée (droits d'accès) ; la copie n'a pas été écrite." : "permission denied; the copy was not written.");
    case "EROFS":
      return prefix + (fr ? "le disque est en lecture seule ; la copie n'a pas été écrite." : "the disk is read-only; the copy was not written.");
    case "ENOSPC":
    case "EDQUOT":
      return prefix + (fr ? "plus de place sur le disque ; la copie n'a pas été écrite." : "no space left on the disk; the copy was not written.");
    case "ELOOP":
      return prefix + (fr ? "lien symbolique qui boucle sur lui-même ; la copie n'a pas été écrite." : "a symbolic link that loops on itself; the copy was not written.");
    case "ENAMETOOLONG":
      return prefix + (fr ? "chemin trop long ; la copie n'a pas été écrite." : "path too long; the copy was not written.");
    case "NOT-REGULAR":
      return prefix + (fr ? "ce n'est pas un fichier ordinaire ; donnez le nom du fichier .xlsx à écrire." : "not a regular file; give the name of the .xlsx file to write.");
    case "SAME-FILE":
      return fr ? "--out doit nommer un autre fichier : le classeur d'origine n'est jamais modifié." : "--out must name another file: the original workbook is never modified.";
    default:
      return prefix + (fr ? "la copie n'a pas pu être écrite." : "the copy could not be written.");
  }
}

/**
 * The copy keeps the workbook's macros, so a macro workbook's copy must be named .xlsm and any
 * other copy .xlsx: Excel refuses to open a package whose extension says otherwise. Other
 * extensions are left to the user. Throws CliFileError with the name to give.
 */
export function checkCopyExtension(out: string, macroWorkbook: boolean, lang: Lang): void {
  const ext = path.extname(out).toLowerCase();
  const name = shown(out);
  const fr = lang === "fr";
  if (macroWorkbook && ext === ".xlsx") {
    throw new CliFileError(
      fr
        ? `--out ${name} : ce classeur contient des macros, que la copie garde ; nommez-la .xlsm (Excel n'ouvre pas un classeur à macros nommé .xlsx).`
        : `--out ${name}: this workbook holds macros, which the copy keeps; name it .xlsm (Excel does not open a macro workbook named .xlsx).`,
    );
  }
  if (!macroWorkbook && ext === ".xlsm") {
    throw new CliFileError(
      fr
        ? `--out ${name} : ce classeur n'a pas de macros ; nommez la copie .xlsx (Excel n'ouvre pas un classeur sans macros nommé .xlsm).`
        : `--out ${name}: this workbook has no macros; name the copy .xlsx (Excel does not open a workbook without macros named .xlsm).`,
    );
  }
}

/** A system error's code, or undefined. */
function codeOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** Where `--out` really writes: its folder's real path (links followed) and its own name. */
export interface OutTarget {
  /** As the user gave it, for messages. */
  given: string;
  /** The real folder + name: the rename's destination. */
  path: string;
}

/**
 * Checks `--out` before anything is written: its folder exists (links followed), it is not a
 * folder or a special file, and it never reaches the input: not the same real path (a symbolic
 * link to the input, a path through a linked folder), not the same device and inode (a hard
 * link). Throws CliFileError with the message to print.
 */
export async function checkOutTarget(out: string, input: string, lang: Lang): Promise<OutTarget> {
  const fail = (code: string | undefined): never => {
    throw new CliFileError(outErrorMessage(code, out, lang));
  };
  const absolute = path.resolve(out);
  const base = path.basename(absolute);
  if (base === "" || out.endsWith("/") || out.endsWith(path.sep)) fail("EISDIR");
  let folder: string;
  try {
    folder = await fs.realpath(path.dirname(absolute));
    if (!(await fs.stat(folder)).isDirectory()) fail("ENOTDIR");
    await fs.access(folder, constants.W_OK);
  } catch (e) {
    if (e instanceof CliFileError) throw e;
    return fail(codeOf(e));
  }
  const target = path.join(folder, base);
  const [inputReal, inputStat] = await Promise.all([fs.realpath(input).catch(() => path.resolve(input)), fs.stat(input).catch(() => undefined)]);
  if (target === inputReal) fail("SAME-FILE");
  // The target as it is now, links followed: the input itself through a link, a folder, a device…
  let targetStat;
  try {
    targetStat = await fs.stat(target);
  } catch (e) {
    const code = codeOf(e);
    // A dangling link is replaced by the rename, which never follows it.
    if (code !== "ENOENT") fail(code);
  }
  if (targetStat) {
    if (inputStat && targetStat.dev === inputStat.dev && targetStat.ino === inputStat.ino) fail("SAME-FILE");
    if ((await fs.realpath(target).catch(() => target)) === inputReal) fail("SAME-FILE");
    if (targetStat.isDirectory()) fail("EISDIR");
    if (!targetStat.isFile()) fail("NOT-REGULAR");
  }
  return { given: out, path: target };
}

/**
 * Writes the copy to a temporary file beside the target, then renames it into place: a copy
 * cut short (no space left, a crash) never replaces anything, and the rename replaces the
 * target's own entry, never the file a link would point to.
 */
export async function writeOut(target: OutTarget, bytes: Uint8Array, lang: Lang): Promise<void> {
  const temporary = path.join(path.dirname(target.path), `.${path.basename(target.path)}.${process.pid}.${Date.now().toString(36)}.pointage-tmp`);
  try {
    await fs.writeFile(temporary, bytes, { flag: "wx" });
    await fs.rename(temporary, target.path);
  } catch (e) {
    await fs.unlink(temporary).catch(() => undefined);
    throw new CliFileError(outErrorMessage(codeOf(e), target.given, lang));
  }
}

/** Whether `given` is a folder (links followed); false for anything else, including a missing path. */
export async function isFolder(given: string): Promise<boolean> {
  return (await fs.stat(given).catch(() => undefined))?.isDirectory() ?? false;
}
