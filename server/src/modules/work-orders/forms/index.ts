/** Every type's hooks, registered by importing this once (forms-routes.ts does). */
import './gasIn.js';
import './repair.js';
import './meterReplacement.js';
import './meterTest.js';
import './installation.js';
