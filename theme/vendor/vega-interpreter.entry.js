export { expressionInterpreter } from 'vega-interpreter';
