// GitHub Actions workflow commands, escaped as the Actions toolkit escapes them.

/** A command's message: "%" first, then the line breaks that would end the command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command property value: as data, plus the ":" and "," that delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The runner also honours the legacy "##[command]" syntax anywhere in a line. A zero-width space
 * between "##" and "[" keeps untrusted text from ever forming it (the text reads the same).
 */
export function neutralize(s: string): string {
  return s.replace(/##\[/g, '##\u200b[');
}
