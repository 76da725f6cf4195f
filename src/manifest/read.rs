//! Reading inputs: files, directories (optionally recursive) and stdin, like kubectl's `-f`.
//!
//! The only part of `manifest` that does I/O. A path that does not exist or cannot be read
//! is an [`InputError`] (the command exits 2); content problems are not errors here, they
//! become findings later.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::Source;

/// The extensions kubectl reads from a directory.
const MANIFEST_EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// An input that could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The path does not exist.
    #[error("the path \"{path}\" does not exist (check the -f argument)")]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// The file or directory exists but reading it failed (permissions, I/O).
    #[error("cannot read \"{path}\"")]
    Unreadable {
        /// The path as given.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// Standard input was named twice, or reading it failed.
    #[error("cannot read standard input")]
    Stdin(#[source] std::io::Error),
    /// `-` was given more than once.
    #[error("standard input (-f -) can only be read once")]
    StdinTwice,
}

/// Lists the files an `-f` argument stands for: the file itself, or the manifest files of a
/// directory (recursively with `recursive`), sorted by path so output is stable.
pub fn expand_path(path: &Path, recursive: bool) -> Result<Vec<PathBuf>, InputError> {
    let shown = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            InputError::NotFound {
                path: shown.clone(),
            }
        } else {
            InputError::Unreadable {
                path: shown.clone(),
                source,
            }
        }
    })?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    walk_dir(path, recursive, &mut files)?;
    files.sort();
    Ok(files)
}

fn walk_dir(dir: &Path, recursive: bool, files: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let unreadable = |source| InputError::Unreadable {
        path: dir.display().to_string(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let path = entry.path();
        let is_dir = std::fs::metadata(&path)
            .map(|m| m.is_dir())
            .unwrap_or(false);
        if is_dir {
            if recursive {
                walk_dir(&path, recursive, files)?;
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| MANIFEST_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.push(path);
        }
    }
    Ok(())
}

/// One input to read: a file, or standard input.
enum Input {
    File(PathBuf),
    Stdin,
}

/// Reads every input named by `-f` arguments, in order; `-` is standard input. Files are read
/// and parsed on every core (parsing dominates the run time of lint on large trees); the
/// order of the result is the order of the arguments and of the sorted directory listings.
pub fn read_sources(paths: &[String], recursive: bool) -> Result<Vec<Source>, InputError> {
    let mut inputs = Vec::new();
    let mut stdin_read = false;
    for arg in paths {
        if arg == "-" {
            if stdin_read {
                return Err(InputError::StdinTwice);
            }
            stdin_read = true;
            inputs.push(Input::Stdin);
            continue;
        }
        inputs.extend(
            expand_path(Path::new(arg), recursive)?
                .into_iter()
                .map(Input::File),
        );
    }
    let read = |input: &Input| -> Result<Source, InputError> {
        match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map_err(InputError::Stdin)?;
                Ok(Source::from_bytes("<stdin>", bytes))
            }
            Input::File(file) => {
                let bytes = std::fs::read(file).map_err(|source| InputError::Unreadable {
                    path: file.display().to_string(),
                    source,
                })?;
                Ok(Source::from_bytes(file.display().to_string(), bytes))
            }
        }
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(inputs.len().max(1));
    if workers <= 1 {
        return inputs.iter().map(read).collect();
    }
    // Interleaved chunks balance large and small files; each worker keeps its indexes.
    let mut slots: Vec<Option<Result<Source, InputError>>> = Vec::new();
    slots.resize_with(inputs.len(), || None);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let inputs = &inputs;
                let read = &read;
                scope.spawn(move || {
                    inputs
                        .iter()
                        .enumerate()
                        .skip(worker)
                        .step_by(workers)
                        .map(|(index, input)| (index, read(input)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (index, result) in done {
                slots[index] = Some(result);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_list_manifest_files_sorted_and_recurse_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.yaml"), "a: 1").unwrap();
        std::fs::write(dir.path().join("a.JSON"), "{}").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/c.yml"), "a: 1").unwrap();
        let names = |files: Vec<PathBuf>| -> Vec<String> {
            files
                .iter()
                .map(|f| f.strip_prefix(dir.path()).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(
            names(expand_path(dir.path(), false).unwrap()),
            ["a.JSON", "b.yaml"]
        );
        assert_eq!(
            names(expand_path(dir.path(), true).unwrap()),
            ["a.JSON", "b.yaml", "sub/c.yml"]
        );
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let error = expand_path(Path::new("/nonexistent/x.yaml"), false).unwrap_err();
        assert!(matches!(error, InputError::NotFound { .. }));
        assert!(error.to_string().contains("/nonexistent/x.yaml"));
    }
}
