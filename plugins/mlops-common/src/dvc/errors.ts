/**
 * Why a DVC file was refused. The backend maps it to an `InvalidInput`
 * answer whose message names the file and the problem.
 *
 * @public
 */
export class DvcFileError extends Error {
  readonly file: string;
  readonly reason: 'too-large' | 'alias-bomb' | 'malformed' | 'invalid';

  constructor(file: string, reason: DvcFileError['reason'], message: string) {
    super(`${file}: ${message}`);
    this.name = 'DvcFileError';
    this.file = file;
    this.reason = reason;
  }
}
