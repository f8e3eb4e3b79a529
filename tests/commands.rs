//! The table of commands: keys that do not collide, and a README that lists the keys the
//! window really answers to.

use chronoatlas::ui::commands::{Command, Mode, markdown_key_list};
use std::collections::HashMap;

const BEGIN: &str = "<!-- keys:begin -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn no_two_commands_share_a_key_in_the_same_mode() {
    for mode in [Mode::Desk, Mode::Presenting] {
        let mut seen = HashMap::new();
        for command in Command::ALL.into_iter().filter(|c| c.when().includes(mode)) {
            for shortcut in command.keys() {
                if let Some(other) = seen.insert(*shortcut, command)
                    && other != command
                {
                    panic!("{shortcut:?} runs both {other:?} and {command:?} in {mode:?}");
                }
            }
        }
    }
}

#[test]
fn every_command_is_listed_once_and_has_a_key_and_words() {
    for (k, command) in Command::ALL.into_iter().enumerate() {
        assert_eq!(
            Command::ALL.iter().position(|c| *c == command),
            Some(k),
            "{command:?} is listed twice"
        );
        assert!(!command.keys().is_empty(), "{command:?} has no key");
        assert!(!command.name().is_empty() && !command.description().is_empty());
        assert!(command.tooltip().ends_with(')'), "{command:?}'s tooltip names its key");
    }
}

#[test]
fn the_tooltips_and_the_key_list_name_the_keys_as_a_reader_writes_them() {
    assert_eq!(Command::WeekForward.keys_text(), "Shift+→");
    assert_eq!(Command::Search.keys_text(), "Ctrl+F");
    assert_eq!(Command::ZoomIn.keys_text(), "+ / =");
    assert_eq!(Command::Present.label_with_key(), "Present (F5)");
    let list = markdown_key_list();
    assert!(list.contains("| PageDown / → / Space / ↓ | presenting |"), "{list}");
    assert!(list.contains("| − | always | Zoom the map out |"), "{list}");
}

#[test]
fn the_readme_key_list_is_the_one_the_table_generates() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(BEGIN).expect("README.md has a <!-- keys:begin --> marker") + BEGIN.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("README.md has a <!-- keys:end --> marker");
    let generated = markdown_key_list();
    if std::env::var_os("CHRONOATLAS_UPDATE_README").is_some() {
        let updated = format!("{}{generated}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[start..end] == generated,
        "README.md's key list differs from the command table in src/ui/commands.rs; regenerate it \
         with `CHRONOATLAS_UPDATE_README=1 cargo test --test commands`.\nExpected:\n{generated}"
    );
}
