import { Command, type Command as CommandType } from 'commander';
import { AppError } from '../../../core/app-error';

interface Completable {
  name: string;
  options: string[];
  takesStream: boolean;
  subcommands: Completable[];
}

function describe(command: CommandType): Completable {
  return {
    name: command.name(),
    options: command.options.map((option) => option.long ?? option.short ?? '').filter(Boolean),
    takesStream: command.registeredArguments.some((argument) => argument.name() === 'stream' || argument.name() === 'source'),
    subcommands: command.commands.map(describe),
  };
}

/**
 * A bash completion function made from the commands as they are defined, so it never lags
 * behind them: command names, their options, and stream names (from `shardscope streams`
 * with the connection flags already typed) where a command takes a stream. zsh loads the same
 * function through bashcompinit.
 */
export function completionScript(program: CommandType, shell: 'bash' | 'zsh'): string {
  const commands = program.commands.map(describe).filter((c) => c.name !== 'completion');
  const global = describe(program).options.join(' ');
  const cases = commands
    .map((c) => {
      const subs = c.subcommands.map((s) => s.name).join(' ');
      const stream = c.takesStream ? '\n        [[ "$cur" != -* ]] && words="$words $(_shardscope_streams)"' : '';
      const nested = c.subcommands.length
        ? `\n        [ "$COMP_CWORD" -eq 2 ] && words="${subs}"${c.subcommands.map((s) => `\n        [ "\${COMP_WORDS[2]}" = "${s.name}" ] && words="${s.options.join(' ')}"`).join('')}`
        : '';
      return `      ${c.name})\n        words="${c.options.join(' ')} ${global}"${stream}${nested}\n        ;;`;
    })
    .join('\n');
  const bash = `# shardscope completion for ${shell}: eval "$(shardscope completion ${shell})", or save it where your shell loads completions.
_shardscope_streams() {
  local flags=() i
  for ((i = 2; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --profile | --endpoint | --region) flags+=("\${COMP_WORDS[i]}" "\${COMP_WORDS[i + 1]}") ;;
    esac
  done
  shardscope streams --quiet "\${flags[@]}" 2>/dev/null
}
_shardscope() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" words
  if [ "$COMP_CWORD" -eq 1 ]; then
    words="${commands.map((c) => c.name).join(' ')} completion ${global}"
  else
    case "\${COMP_WORDS[1]}" in
${cases}
      completion) words="bash zsh" ;;
      *) words="" ;;
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _shardscope shardscope
`;
  return shell === 'zsh' ? `autoload -U +X bashcompinit && bashcompinit\n${bash}` : bash;
}

export function completionCommand(program: CommandType): Command {
  return new Command('completion')
    .description('print a shell completion script: eval "$(shardscope completion bash)" (or zsh)')
    .argument('<shell>', 'bash or zsh')
    .action((shell: string) => {
      if (shell !== 'bash' && shell !== 'zsh') throw new AppError('invalid-input', `No completion for "${shell}": use bash or zsh.`);
      process.stdout.write(completionScript(program, shell));
    });
}
