/**
 * The layout rules of `terraform fmt` that can be checked line by line:
 * two-space indentation by nesting depth, the `=` of consecutive one-line
 * attributes aligned one space after the longest name, no tabs and no
 * trailing whitespace, a final newline. It is not `terraform fmt` itself
 * (there is no Terraform binary in CI): heredocs and quotes inside
 * interpolations are not understood, so the checked files use neither.
 */
export function hclFormatProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (!text.endsWith('\n'))
    problems.push('the file does not end with a newline');
  if (text.endsWith('\n\n')) problems.push('the file ends with blank lines');

  // terraform fmt's indentation: a line that opens more brackets than it
  // closes indents the following lines by one level, however many it opens;
  // closing them all returns to the line's level.
  const levels: number[] = [];
  let run: Array<{ line: number; nameEnd: number; equals: number }> = [];
  let runIndent = -1;

  const closeRun = () => {
    if (run.length > 1) {
      const expected = Math.max(...run.map(a => a.nameEnd)) + 1;
      for (const attribute of run) {
        if (attribute.equals !== expected) {
          problems.push(
            `line ${attribute.line}: "=" in column ${
              attribute.equals + 1
            }, expected ${
              expected + 1
            } (aligned with the attributes next to it)`,
          );
        }
      }
    }
    if (run.length === 1 && run[0].equals !== run[0].nameEnd + 1) {
      problems.push(`line ${run[0].line}: expected one space before "="`);
    }
    run = [];
    runIndent = -1;
  };

  lines.forEach((line, index) => {
    const number = index + 1;
    if (/[ \t]+$/.test(line))
      problems.push(`line ${number}: trailing whitespace`);
    if (line.includes('\t')) problems.push(`line ${number}: tab character`);
    const trimmed = line.trim();
    const code = stripStringsAndComments(line);
    const opens = (code.match(/[{[(]/g) ?? []).length;
    const closes = (code.match(/[}\])]/g) ?? []).length;

    if (trimmed === '') {
      closeRun();
      return;
    }
    const net = opens - closes;
    let closed = -net;
    while (closed > 0 && levels.length > 0) {
      const top = levels.pop()!;
      if (closed < top) levels.push(top - closed);
      closed -= top;
    }
    const expectedIndent = 2 * levels.length;
    if (net > 0) levels.push(net);
    const indent = line.length - line.trimStart().length;
    if (indent !== expectedIndent) {
      problems.push(
        `line ${number}: indented ${indent} spaces, expected ${expectedIndent}`,
      );
    }

    const attribute =
      /^(\s*)("[^"]*"|\([^)]*\)|[A-Za-z_][\w-]*)( *)=(?!=)/.exec(line);
    const opensBlock = opens > closes;
    if (!attribute || opensBlock || trimmed.startsWith('#')) {
      closeRun();
      return;
    }
    if (indent !== runIndent) closeRun();
    runIndent = indent;
    run.push({
      line: number,
      nameEnd: attribute[1].length + attribute[2].length,
      equals: attribute[1].length + attribute[2].length + attribute[3].length,
    });
  });
  closeRun();
  if (levels.length > 0)
    problems.push('unbalanced brackets at the end of the file');
  return problems;
}

/** The line without string contents and without a trailing comment. */
function stripStringsAndComments(line: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') {
        inString = false;
        out += '"';
      }
      continue;
    }
    if (char === '"') {
      inString = true;
      out += '"';
    } else if (char === '#' || (char === '/' && line[i + 1] === '/')) {
      break;
    } else {
      out += char;
    }
  }
  return out;
}
