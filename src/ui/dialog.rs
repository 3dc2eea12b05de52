//! The system's file dialogs (rfd, asynchronous). A screen that needs a file
//! or a folder asks here and gets the paths chosen back as one of its own
//! messages; nothing chosen (the dialog closed) comes back as no paths.

use std::path::PathBuf;

use iced::Task;

#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Open,
    OpenMany,
    Save(String),
    Folder,
}

/// One dialog: its title, the file types offered, what it asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Dialog {
    title: String,
    filters: Vec<(&'static str, &'static [&'static str])>,
    mode: Mode,
}

impl Dialog {
    /// Asks for one existing file.
    pub fn open(title: String) -> Dialog {
        Dialog { title, filters: vec![], mode: Mode::Open }
    }

    /// Asks for one or more existing files.
    pub fn open_many(title: String) -> Dialog {
        Dialog { title, filters: vec![], mode: Mode::OpenMany }
    }

    /// Asks where to save, offering `name`.
    pub fn save(title: String, name: String) -> Dialog {
        Dialog { title, filters: vec![], mode: Mode::Save(name) }
    }

    /// Asks for a folder.
    pub fn folder(title: String) -> Dialog {
        Dialog { title, filters: vec![], mode: Mode::Folder }
    }

    /// Offers files of this type (its name and extensions, without dots).
    pub fn filter(mut self, name: &'static str, extensions: &'static [&'static str]) -> Dialog {
        self.filters.push((name, extensions));
        self
    }

    /// Shows the dialog; `then` makes the screen's message of the paths chosen.
    pub fn ask<M: Send + 'static>(self, then: impl FnOnce(Vec<PathBuf>) -> M + Send + 'static) -> Task<M> {
        Task::perform(
            async move {
                let mut d = rfd::AsyncFileDialog::new().set_title(self.title.as_str());
                for (name, extensions) in &self.filters {
                    d = d.add_filter(*name, extensions);
                }
                let paths = |files: Vec<rfd::FileHandle>| files.iter().map(|h| h.path().to_owned()).collect::<Vec<_>>();
                match self.mode {
                    Mode::Open => paths(d.pick_file().await.into_iter().collect()),
                    Mode::OpenMany => paths(d.pick_files().await.unwrap_or_default()),
                    Mode::Save(name) => paths(d.set_file_name(name).save_file().await.into_iter().collect()),
                    Mode::Folder => paths(d.pick_folder().await.into_iter().collect()),
                }
            },
            then,
        )
    }
}
