import { barAxis, extent, niceAxis, tickStep, ticks } from './scale';

describe('tickStep', () => {
  it('is 1, 2 or 5 times a power of ten', () => {
    expect(tickStep(1, 4)).toBe(0.2);
    expect(tickStep(0.05, 4)).toBe(0.01);
    expect(tickStep(100, 4)).toBe(20);
    expect(tickStep(7, 4)).toBe(2);
    expect(tickStep(0, 4)).toBe(1);
  });
});

describe('niceAxis', () => {
  it('chooses round ticks and widens the domain to them', () => {
    // The odd values the issue saw: 0.7621 … 0.8268 split into four.
    const axis = niceAxis([0.7621, 0.8268]);
    expect(axis.ticks).toEqual([0.76, 0.78, 0.8, 0.82, 0.84]);
    expect(axis.domain).toEqual([0.76, 0.84]);
    expect(niceAxis([0, 97]).ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceAxis([-3, 3]).ticks).toEqual([-4, -2, 0, 2, 4]);
  });

  it('has no float noise in its ticks', () => {
    for (const t of niceAxis([0.1, 0.7], 6).ticks) {
      expect(String(t)).toMatch(/^-?\d+(\.\d{1,2})?$/);
    }
  });

  it('copes with a flat, reversed or broken domain', () => {
    expect(niceAxis([5, 5]).ticks.length).toBeGreaterThan(1);
    expect(niceAxis([1, 0]).domain).toEqual([0, 1]);
    expect(niceAxis([NaN, Infinity]).domain).toEqual([0, 1]);
  });
});

describe('ticks', () => {
  it('keeps nice ticks inside the domain', () => {
    expect(ticks([0, 2])).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(ticks([0.3, 9.7])).toEqual([2, 4, 6, 8]);
  });
});

describe('extent', () => {
  it('ignores values that are not finite', () => {
    expect(extent([1, NaN, 3, Infinity])).toEqual([1, 3]);
    expect(extent([])).toEqual([0, 1]);
  });
});

describe('barAxis', () => {
  it('fits close values instead of starting at zero', () => {
    const axis = barAxis([0.8111, 0.8268, 0.8513]);
    expect(axis.fromZero).toBe(false);
    expect(axis.domain[0]).toBeGreaterThan(0.75);
    expect(axis.domain[0]).toBeLessThan(0.8111);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(0.8513);
  });

  it('keeps zero when the values are spread out, or of both signs', () => {
    expect(barAxis([10, 80]).fromZero).toBe(true);
    expect(barAxis([10, 80]).domain[0]).toBe(0);
    expect(barAxis([-2, 3]).fromZero).toBe(true);
    expect(barAxis([-0.9, -0.8]).fromZero).toBe(false);
    expect(barAxis([-0.9, -0.8]).domain[1]).toBeLessThan(0);
  });
});
