import type { ExecutionContext } from 'ava';
import fc from 'fast-check';

/**
 * The property every fast path for a subset must hold: over `inputs`, wherever `fast` answers
 * (anything but undefined), `agrees` its answer with what the full parser makes; and it answers
 * at least `minAnswered` times, so that the property is not met by refusing everything.
 */
export function agreesWhereItAnswers<I, O>(t: ExecutionContext, inputs: fc.Arbitrary<I>, fast: (input: I) => O | undefined, agrees: (answer: O, input: I) => boolean, numRuns: number, minAnswered: number): void {
  let answered = 0;
  fc.assert(
    fc.property(inputs, (input) => {
      const answer = fast(input);
      if (answer === undefined) return true;
      answered++;
      return agrees(answer, input);
    }),
    { numRuns },
  );
  t.true(answered >= minAnswered, `only ${answered} inputs were in the subset`);
}
