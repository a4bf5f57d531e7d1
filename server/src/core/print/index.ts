// The printers of the core: mcalc source and LaTeX (the NumPy export lives in numpy.ts).
export { printMcalc, printStatement, type McalcPrintOptions } from './mcalc';
export { latexName, printLatex, printStatementLatex, type LatexPrintOptions } from './latex';
