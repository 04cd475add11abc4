//! `jose completions` and `jose man`: shell completions and manual pages generated from the
//! command-line definitions (clap_complete, clap_mangen), so that they never drift from
//! `--help`.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::CliError;
use crate::output;

/// `jose completions SHELL`: the completion script on standard output.
pub fn completions(args: &CompletionsArgs) -> Result<(), CliError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "jose", &mut script);
    output::stdout_bytes(&script)
}

/// `jose man`: jose(1) on standard output, or with `--dir` one page per command written
/// there.
pub fn man(args: &ManArgs) -> Result<(), CliError> {
    let command = Cli::command();
    match &args.dir {
        Some(dir) => clap_mangen::generate_to(command, dir)
            .map_err(CliError::io(format!("writing manual pages into {dir}"))),
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(CliError::io("rendering the manual page"))?;
            output::stdout_bytes(&page)
        }
    }
}
