//! The options of a command-line command: `--name value` (or
//! `--name=value`) pairs, flags and positionals. Pure parsing, so the command
//! line's rules are tested and fuzzed without running a command.

use crate::error::{Error, Result, UsageError};

/// Options of one command: flags and `--name value` pairs, plus positionals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opts {
    pub positional: Vec<String>,
    pub named: Vec<(String, Option<String>)>,
}

impl Opts {
    pub fn parse(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Opts> {
        let mut positional = vec![];
        let mut named = vec![];
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if let Some(stripped) = a.strip_prefix("--") {
                let (name, inline) = match stripped.split_once('=') {
                    Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
                    None => (stripped.to_owned(), None),
                };
                if with_value.contains(&name.as_str()) {
                    let v = match inline {
                        Some(v) => v,
                        None => {
                            i += 1;
                            args.get(i).cloned().ok_or_else(|| Error::from(UsageError::MissingValue { option: a.clone() }))?
                        }
                    };
                    named.push((name, Some(v)));
                } else if flags.contains(&name.as_str()) {
                    named.push((name, None));
                } else {
                    return Err(Error::from(UsageError::UnknownOption { option: a.clone() }));
                }
            } else {
                positional.push(a.clone());
            }
            i += 1;
        }
        Ok(Opts { positional, named })
    }
    pub fn get(&self, name: &str) -> Option<&str> {
        self.named.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }
    /// The value of `--name`, which the command needs: a usage error naming
    /// the option when it is not given.
    pub fn need(&self, name: &str) -> Result<&str> {
        self.get(name).ok_or_else(|| Error::from(UsageError::MissingValue { option: format!("--{name}") }))
    }
    pub fn flag(&self, name: &str) -> bool {
        self.named.iter().any(|(n, _)| n == name)
    }
    pub fn pos(&self, i: usize, what: &'static str) -> Result<&str> {
        self.positional.get(i).map(String::as_str).ok_or_else(|| Error::from(UsageError::Missing { what: what.into() }))
    }
}

#[cfg(test)]
mod tests {
    use super::Opts;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn values_flags_and_positionals() {
        let o = Opts::parse(&args(&["1.5", "--status", "done", "--json", "--note=Đã gửi", "--status", "in_progress"]), &["status", "note"], &["json"]).unwrap();
        assert_eq!(o.positional, ["1.5"]);
        assert_eq!(o.get("status"), Some("in_progress"), "the last one counts");
        assert_eq!(o.get("note"), Some("Đã gửi"));
        assert!(o.flag("json") && !o.flag("dry-run"));
        assert_eq!(o.pos(0, "task").unwrap(), "1.5");
        assert_eq!(o.pos(1, "file").unwrap_err().key, "err-usage-missing");
        assert_eq!(o.need("status").unwrap(), "in_progress");
        let missing = o.need("out").unwrap_err();
        assert!(missing.is_usage());
        assert_eq!(missing.args, vec![("option", "--out".into())]);
    }

    #[test]
    fn a_missing_value_or_an_unknown_option_is_named() {
        let e = Opts::parse(&args(&["--status"]), &["status"], &[]).unwrap_err();
        assert_eq!(e.key, "err-missing-value");
        let e = Opts::parse(&args(&["--é=1"]), &["status"], &[]).unwrap_err();
        assert_eq!(e.key, "err-unknown-option");
    }
}
