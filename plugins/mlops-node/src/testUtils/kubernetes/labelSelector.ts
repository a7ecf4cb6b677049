/**
 * Kubernetes label selector matching (`a=b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a`, `!a`), so the fake cluster filters like a real API
 * server does.
 *
 * @public
 */
export function matchesLabelSelector(
  labels: Record<string, string>,
  selector: string,
): boolean {
  const requirements = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return requirements.every(raw => {
    const req = raw.trim();
    if (!req) return true;
    let m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(req);
    if (m) {
      const values = m[3].split(',').map(v => v.trim());
      const has = m[1] in labels && values.includes(labels[m[1]]);
      return m[2] === 'in' ? has : !has;
    }
    m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(req);
    if (m) {
      return m[2] === '!=' ? labels[m[1]] !== m[3] : labels[m[1]] === m[3];
    }
    if (req.startsWith('!')) return !(req.slice(1).trim() in labels);
    return req in labels;
  });
}
