import { ChainLinkStatus } from '@mlops-portal/plugin-mlops-common';
import { HeadCommit } from './scm';
import { LinkBody, short, worstOf } from './link';

/**
 * The code link: the head commit's required checks (all checks when the
 * branch requires none). A failed check fails the link; a pending or a
 * required check that never reported is a warning.
 */
export function codeLink(head: HeadCommit): LinkBody {
  const required = head.checks.filter(c => c.required);
  const counted =
    required.length || head.missingRequired.length ? required : head.checks;
  const kind =
    required.length || head.missingRequired.length
      ? 'required checks'
      : 'checks';
  const failed = counted.filter(c => c.status === 'failing');
  const pending = counted.filter(c => c.status === 'warning');
  let status: ChainLinkStatus = worstOf(counted.map(c => c.status));
  if (head.missingRequired.length && status === 'ok') status = 'warning';
  if (counted.length === 0 && !head.missingRequired.length) status = 'warning';
  const at = `${head.branch} @ ${short(head.sha)}`;
  let reason: string;
  if (failed.length)
    reason = `${at}: ${failed.map(c => `${c.name} ${c.state}`).join(', ')}`;
  else if (head.missingRequired.length)
    reason = `${at}: required ${head.missingRequired.join(
      ', ',
    )} did not report`;
  else if (pending.length)
    reason = `${at}: ${pending.map(c => c.name).join(', ')} still running`;
  else if (counted.length === 0)
    reason = `${at}: no checks reported on the commit`;
  else reason = `${at}: ${counted.length} ${kind} passed`;
  return {
    status,
    reason,
    ...(head.committedAt ? { at: head.committedAt } : {}),
    ...(head.url ? { url: head.url } : {}),
    details: [
      {
        label: 'commit',
        value: head.sha,
        ...(head.url ? { url: head.url } : {}),
      },
      ...head.checks.map(c => ({
        label: `${c.required ? 'required ' : ''}${
          head.provider === 'github' ? 'check' : 'pipeline'
        } ${c.name}`,
        value: c.state,
        status: c.status,
        ...(c.url ? { url: c.url } : {}),
      })),
      ...head.missingRequired.map(name => ({
        label: `required check ${name}`,
        value: 'not reported',
        status: 'warning' as const,
      })),
    ],
  };
}
