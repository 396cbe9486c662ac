import type {} from 'handlebars'; // declares the global `hbs.AST` types
import { KNOWN_HELPERS } from './handlebars-env.js';

type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;

/** How a merge field is used: printed, tested by a condition, or handed to a helper. */
export type FieldRole = 'output' | 'condition' | 'argument';

export interface FieldReference {
  /** Absolute dotted path from the merge context root, e.g. `contact.firstName`. */
  path: string;
  role: FieldRole;
  /** True when an enclosing `{{#if}}`/`{{#with}}` makes the field optional. */
  guarded: boolean;
  line: number;
  column: number;
}

export interface HelperUsage {
  name: string;
  block: boolean;
  line: number;
  column: number;
}

export interface Finding {
  message: string;
  line: number;
  column: number;
  name?: string;
}

export interface TemplateAnalysis {
  fields: FieldReference[];
  helpers: HelperUsage[];
  /** `{{{ }}}` outputs: the printed path, or the helper name when a helper result is printed raw. */
  rawOutputs: Finding[];
  unsupported: Finding[];
}

/** A context-changing block frame: its path prefix, or null inside `{{#each}}` where items are untyped. */
interface Frame {
  prefix: string[] | null;
}

interface WalkState {
  frames: Frame[];
  guards: string[];
}

const position = (node: Node) => ({ line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });

function isGuarded(path: string, guards: string[]): boolean {
  return guards.some((guard) => path === guard || path.startsWith(`${guard}.`));
}

/** Walks a parsed template and lists every field, helper, raw output and unsupported construct. */
export function analyseTemplate(program: hbs.AST.Program): TemplateAnalysis {
  const result: TemplateAnalysis = { fields: [], helpers: [], rawOutputs: [], unsupported: [] };

  const resolve = (path: hbs.AST.PathExpression, state: WalkState): string | undefined => {
    if (path.data) {
      if (path.parts[0] !== 'root') return undefined; // @index, @key, @first, @last
      return path.parts.slice(1).join('.') || undefined;
    }
    const frame = state.frames[state.frames.length - 1 - path.depth];
    if (!frame || frame.prefix === null) return undefined;
    const parts = [...frame.prefix, ...path.parts];
    return parts.length > 0 ? parts.join('.') : undefined;
  };

  const addField = (expr: Expression, role: FieldRole, state: WalkState): string | undefined => {
    if (expr.type !== 'PathExpression') return undefined;
    const path = resolve(expr as hbs.AST.PathExpression, state);
    if (path !== undefined)
      result.fields.push({ path, role, guarded: isGuarded(path, state.guards), ...position(expr) });
    return path;
  };

  const walkArguments = (params: Expression[], hash: hbs.AST.Hash | undefined, helper: string, state: WalkState) => {
    params.forEach((param, index) => {
      if (param.type === 'SubExpression') walkCall(param as hbs.AST.SubExpression, state);
      // The first argument of `default` is expected to be empty sometimes: that is what the helper is for.
      else addField(param, helper === 'default' && index === 0 ? 'condition' : 'argument', state);
    });
    for (const pair of hash?.pairs ?? []) {
      if (pair.value.type === 'SubExpression') walkCall(pair.value as hbs.AST.SubExpression, state);
      else addField(pair.value, 'argument', state);
    }
  };

  const walkCall = (call: hbs.AST.SubExpression | hbs.AST.MustacheStatement, state: WalkState, block = false) => {
    const path = call.path as hbs.AST.PathExpression;
    result.helpers.push({ name: path.original, block, ...position(call) });
    walkArguments(call.params, call.hash, path.original, state);
  };

  const isHelperCall = (node: hbs.AST.MustacheStatement): boolean => {
    if (node.path.type !== 'PathExpression') return false;
    const path = node.path as hbs.AST.PathExpression;
    const simpleName = !path.data && path.depth === 0 && path.parts.length === 1;
    return (
      node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || (simpleName && KNOWN_HELPERS.has(path.original))
    );
  };

  const walkBlock = (node: hbs.AST.BlockStatement, state: WalkState) => {
    const name = node.path.original;
    result.helpers.push({ name, block: true, ...position(node) });
    const [subject] = node.params;
    const inner = (guard: string | undefined, frame?: Frame): WalkState => ({
      frames: frame ? [...state.frames, frame] : state.frames,
      guards: guard ? [...state.guards, guard] : state.guards,
    });
    if ((name === 'if' || name === 'unless') && subject) {
      const guard =
        subject.type === 'SubExpression'
          ? (walkCall(subject as hbs.AST.SubExpression, state), undefined)
          : addField(subject, 'condition', state);
      walkProgram(node.program, inner(name === 'if' ? guard : undefined));
      walkProgram(node.inverse, inner(name === 'unless' ? guard : undefined));
      return;
    }
    if (name === 'with' && subject) {
      const target = addField(subject, 'condition', state);
      walkProgram(node.program, inner(target, { prefix: target ? target.split('.') : null }));
      walkProgram(node.inverse, state);
      return;
    }
    if (name === 'each' && subject) {
      addField(subject, 'condition', state);
      walkProgram(node.program, inner(undefined, { prefix: null }));
      walkProgram(node.inverse, state);
      return;
    }
    walkArguments(node.params, node.hash, name, state);
    walkProgram(node.program, state);
    walkProgram(node.inverse, state);
  };

  const walkNode = (node: Node, state: WalkState) => {
    switch (node.type) {
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        if (isHelperCall(mustache)) walkCall(mustache, state);
        else addField(mustache.path, 'output', state);
        if (!mustache.escaped) {
          const printed =
            mustache.path.type === 'PathExpression' ? (mustache.path as hbs.AST.PathExpression) : undefined;
          const name = printed
            ? isHelperCall(mustache)
              ? printed.original
              : (resolve(printed, state) ?? printed.original)
            : '';
          result.rawOutputs.push({ message: `{{{${name}}}}`, name, ...position(node) });
        }
        return;
      }
      case 'BlockStatement':
        walkBlock(node as hbs.AST.BlockStatement, state);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement':
        result.unsupported.push({ message: 'Partials ({{> name}}) are not supported in templates', ...position(node) });
        return;
      case 'Decorator':
      case 'DecoratorBlock':
        result.unsupported.push({
          message: 'Decorators ({{* name}}) are not supported in templates',
          ...position(node),
        });
        return;
      default:
        return; // content and comments
    }
  };

  const walkProgram = (program: hbs.AST.Program | undefined, state: WalkState) => {
    for (const statement of program?.body ?? []) walkNode(statement, state);
  };

  walkProgram(program, { frames: [{ prefix: [] }], guards: [] });
  return result;
}
