// What the GitHub Actions runner makes of a line of output: a v2 workflow command
// ("::name key=value,...::data", unescaped as the runner does), or a legacy "##[" command.
export interface Command {
  name: string;
  properties: Record<string, string>;
  data: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

export function decodeLine(line: string): Command | 'legacy' | undefined {
  if (line.includes('##[')) return 'legacy';
  if (!line.startsWith('::')) return undefined;
  const end = line.indexOf('::', 2);
  if (end === -1) return undefined;
  const head = line.slice(2, end);
  const space = head.indexOf(' ');
  const name = space === -1 ? head : head.slice(0, space);
  const properties: Record<string, string> = {};
  if (space !== -1) {
    for (const pair of head.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { name, properties, data: unescapeData(line.slice(end + 2)) };
}
