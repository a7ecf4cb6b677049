/*
 * Prints a generated if/then/else chain (formConditionals.ts) as a template.yaml holds it:
 * the main template's Delivery page by default, `onboarding` for onboard-ml-repo's Platform page.
 */
import { stringify } from 'yaml';
import {
  deliveryConditional,
  onboardingPlatformConditional,
} from './formConditionals';

const which = process.argv[2];
const chain =
  which === 'onboarding'
    ? onboardingPlatformConditional()
    : deliveryConditional();
process.stdout.write(stringify(chain, { lineWidth: 0 }));
