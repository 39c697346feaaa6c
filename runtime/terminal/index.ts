// The terminal pane's language, without a terminal or a page: what the cells' xterm pane uses.
export { splitWords } from './words.ts';
export { parseCommandLine, COMMAND_HELP, NOT_A_SHELL, type CellContext, type Command, type ParseResult } from './commands.ts';
export { runCommandLine, executeCommand, helpText, formatProbe, formatDiagnostics, formatRuns, type TerminalHost, type RunView } from './dispatch.ts';
export {
  agentRunsText,
  agentStatusText,
  HOW_TO_PAIR,
  type AgentHost,
  type AgentConnection,
  type AgentMachine,
  type AgentRun,
} from './agent-words.ts';
export { LineEditor, type EditorOutput, type LineEditorOptions } from './line-editor.ts';
