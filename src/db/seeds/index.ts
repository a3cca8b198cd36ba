export { loadDemoDataIfEmpty } from './demo-data.js';
export { loadReferenceData } from './reference-data.js';
