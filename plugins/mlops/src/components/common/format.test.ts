import {
  formatDuration,
  formatNumber,
  formatRunDuration,
  formatTicks,
  formatValue,
} from './format';

describe('formatNumber', () => {
  it.each([
    // The DVC metric the issue saw printed raw (dvc-samples metrics.json).
    [0.8979999999999999, '0.898'],
    [0.7773851590106007, '0.7774'],
    [0.8124, '0.8124'],
    [12.3456, '12.35'],
    [-0.5, '-0.5'],
    [42, '42'],
    [12345.678, '12,346'],
    [999_999, '999,999'],
    [3_400_000, '3.4M'],
    [1.25e9, '1.25B'],
    [0.00012345, '1.23e-4'],
    [1e-5, '1e-5'],
    [0.001, '0.001'],
    [0, '0'],
  ])('%p → %p', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('says "–" for a missing or non-numeric value, ∞ for infinities', () => {
    expect(formatNumber(undefined)).toBe('–');
    expect(formatNumber(NaN)).toBe('–');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    // MLflow's non-finite metric values, as the backend passes them on.
    expect(formatNumber('NaN')).toBe('NaN');
    expect(formatNumber('Infinity')).toBe('∞');
    expect(formatNumber('-Infinity')).toBe('−∞');
  });

  it('never prints float noise', () => {
    for (const value of [0.1 + 0.2, 0.30000000000000004, 1 / 3, 2 / 3]) {
      expect(formatNumber(value)).not.toMatch(/\d{6,}/);
    }
  });
});

describe('formatTicks', () => {
  it('gives every tick the decimals its step needs', () => {
    expect(formatTicks([0.8, 0.82, 0.84, 0.86])).toEqual([
      '0.80',
      '0.82',
      '0.84',
      '0.86',
    ]);
    expect(formatTicks([0, 0.5, 1, 1.5])).toEqual(['0.0', '0.5', '1.0', '1.5']);
    expect(formatTicks([0, 2000, 4000])).toEqual(['0', '2,000', '4,000']);
  });

  it('prints zero as 0, never -0', () => {
    expect(formatTicks([-0.1, -0, 0.1])).toEqual(['-0.1', '0.0', '0.1']);
  });

  it('falls back to magnitude formatting for tiny steps and huge values', () => {
    expect(formatTicks([0, 0.0001, 0.0002])).toEqual(['0', '1e-4', '2e-4']);
    expect(formatTicks([0, 5e6, 1e7])).toEqual(['0', '5M', '10M']);
    expect(formatTicks([0.5])).toEqual(['0.5']);
  });
});

describe('formatValue', () => {
  it('formats numbers and leaves other values as text', () => {
    expect(formatValue(0.8979999999999999)).toBe('0.898');
    expect(formatValue('random_forest')).toBe('random_forest');
    expect(formatValue(true)).toBe('true');
    expect(formatValue([1, 2])).toBe('[1,2]');
    expect(formatValue(null)).toBe('–');
  });
});

describe('durations', () => {
  it('formats durations by magnitude and never says "60 s"', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(4 * 60_000 + 59_900)).toBe('4 min 59 s');
    expect(formatDuration(2 * 3_600_000 + 3 * 60_000)).toBe('2 h 3 min');
    expect(formatDuration(170 * 3_600_000 + 38 * 60_000)).toBe('7 d 2 h');
    expect(formatDuration(undefined)).toBe('–');
  });

  it('shows how long a running run has run so far', () => {
    const now = Date.UTC(2026, 10, 24, 7, 0, 0);
    expect(
      formatRunDuration(
        { status: 'RUNNING', startTime: now - 12 * 60_000 - 3_000 },
        now,
      ),
    ).toBe('12 min 3 s so far');
    expect(
      formatRunDuration({ status: 'FINISHED', durationMs: 1500 }, now),
    ).toBe('1.5 s');
    // A finished run without an end time has no known duration.
    expect(
      formatRunDuration({ status: 'FINISHED', startTime: now - 1000 }, now),
    ).toBe('–');
  });
});
