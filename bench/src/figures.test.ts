import { makeFigure, makeRatio } from './figures';

const spec = {
  id: 'x.ours',
  label: 'ours',
  side: 'ours' as const,
  unit: 'images/s',
  better: 'higher' as const,
};

describe('makeFigure', () => {
  it('when given samples, then it keeps them and adds their summary', () => {
    const f = makeFigure(spec, [3, 1, 2]);
    expect(f).toMatchObject({ samples: [3, 1, 2], n: 3, median: 2, min: 1, max: 3, goal: null, met: null });
  });

  it.each([
    [[40, 45, 60], { op: '<=' as const, target: 50 }, true],
    [[55, 60], { op: '<=' as const, target: 50 }, false],
  ])('when the median of %j is judged against %j, then met is %s', (samples, goal, met) => {
    expect(makeFigure(spec, samples, goal).met).toBe(met);
  });
});

describe('makeRatio', () => {
  const ours = makeFigure(spec, [200, 210, 220]);
  const peer = makeFigure({ ...spec, id: 'x.peer', side: 'peer' }, [100]);

  it('when the goal is met, then met is true and the ids are kept', () => {
    const r = makeRatio('x.ratio', 'ours / peer', ours, peer, { op: '>=', target: 2 });
    expect(r).toMatchObject({ numerator: 'x.ours', denominator: 'x.peer', value: 2.1, met: true });
  });

  it('when the goal is missed, then met is false', () => {
    expect(makeRatio('x.ratio', 'ours / peer', ours, peer, { op: '>=', target: 2.5 }).met).toBe(false);
  });

  it('when there is no goal, then goal and met are null', () => {
    expect(makeRatio('x.ratio', 'ours / peer', ours, peer)).toMatchObject({ goal: null, met: null });
  });
});
