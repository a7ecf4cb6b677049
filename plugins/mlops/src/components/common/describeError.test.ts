import { MlopsApiError } from '../../api';
import { describeError } from './describeError';

describe('describeError', () => {
  it("says the permission policy refused the card's data (403 NotAllowed)", () => {
    const message =
      'mlops.gpu.read is not allowed on component:default/fraud-detection';
    expect(
      describeError(
        new MlopsApiError({ code: 'NotAllowed', message, status: 403 }),
      ),
    ).toEqual({
      title: 'You are not allowed to see this',
      detail: message,
    });
  });

  it('falls back to the HTTP status for a code it does not know', () => {
    const error = new MlopsApiError({
      code: 'BackendError',
      message: 'x',
      status: 500,
    });
    expect(describeError(error).title).toBe(
      'The MLOps backend could not answer (HTTP 500)',
    );
  });
});
