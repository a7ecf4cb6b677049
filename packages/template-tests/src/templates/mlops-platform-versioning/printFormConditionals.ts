/* Prints the Delivery page's generated if/then/else chain (formConditionals.ts) as template.yaml holds it. */
import { stringify } from 'yaml';
import { deliveryConditional } from './formConditionals';

process.stdout.write(stringify(deliveryConditional(), { lineWidth: 0 }));
