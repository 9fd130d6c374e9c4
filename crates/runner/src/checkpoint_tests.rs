use super::*;
use doccheck_guide::config::Defaults;
use doccheck_guide::load::{load, Loaded};
use doccheck_guide::tree::GuidePath;
use std::os::unix::fs::MetadataExt;

/// A plan of `text`, written as g.md in `dir`.
fn plan(dir: &Path, text: &str) -> Plan {
    let path = dir.join("g.md");
    std::fs::write(&path, text).unwrap();
    let guide = GuidePath { path, named: true };
    match load(&guide, None, &Defaults::default()).unwrap() {
        Loaded::Plan(plan) => *plan,
        _ => panic!("no plan"),
    }
}

const GUIDE: &str = "# Steps\n\n```sh\necho 1 > one\n```\n\n```sh\necho 2 > two\n```\n\n```sh\nfalse\n```\n\n```sh\necho 4\n```\n";

/// A workspace root with its three parts.
fn workspace(dir: &Path) -> PathBuf {
    let root = dir.join("ws");
    for part in PARTS {
        std::fs::create_dir_all(root.join(part)).unwrap();
    }
    root
}

/// Records a run of GUIDE in which steps 1 and 2 pass and 3 fails.
fn record(dir: &Path, plan: &Plan) -> Store {
    let store = Store::of(plan, &dir.join("checkpoints"));
    let root = workspace(dir);
    let mut recorder = Recorder::new(plan, store.clone(), &root, "run1", None).unwrap();
    std::fs::write(root.join("work/one"), "1\n").unwrap();
    recorder
        .after_step(1, &root, "declare -g -- a=\"1\"\ncd -- '/x'\n", false)
        .unwrap();
    std::fs::write(root.join("work/two"), "2\n").unwrap();
    std::fs::create_dir_all(root.join("home/.config")).unwrap();
    std::os::unix::fs::symlink("one", root.join("work/link")).unwrap();
    recorder
        .after_step(
            2,
            &root,
            &format!("cd -- '{}/work'\n", root.display()),
            true,
        )
        .unwrap();
    recorder.finish(Some(3)).unwrap();
    store
}

#[test]
fn a_failed_run_resumes_at_its_failed_step_from_the_checkpoint_before() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path(), GUIDE);
    let store = record(dir.path(), &plan);
    let restore = resume(&plan, &store, None).unwrap();
    assert_eq!(
        (restore.after, restore.from),
        (Some(2), 3),
        "{}",
        restore.why
    );
    assert_eq!(restore.why, "step 3 failed in the last run");
    assert_eq!(restore.restart, vec![2], "step 2 started a service");
    assert!(restore.restored(1) && !restore.restored(2) && !restore.restored(3));

    let fresh = workspace(&dir.path().join("fresh"));
    restore.files(&fresh).unwrap();
    assert_eq!(
        std::fs::read_to_string(fresh.join("work/one")).unwrap(),
        "1\n"
    );
    assert_eq!(
        std::fs::read_to_string(fresh.join("work/two")).unwrap(),
        "2\n"
    );
    assert_eq!(
        std::fs::read_link(fresh.join("work/link")).unwrap(),
        Path::new("one")
    );
    assert!(fresh.join("home/.config").is_dir());
    assert_eq!(
        restore.shell_state(&fresh),
        format!("cd -- '{}/work'\n", fresh.display()),
        "the old workspace's paths are the new one's"
    );
}

#[test]
fn an_unchanged_file_is_linked_to_the_last_checkpoints_copy_not_copied_again() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path(), GUIDE);
    let store = record(dir.path(), &plan);
    let ino = |step: &str| {
        std::fs::metadata(store.dir.join(step).join("work/one"))
            .unwrap()
            .ino()
    };
    assert_eq!(ino("1"), ino("2"));
    let live = std::fs::metadata(dir.path().join("ws/work/one"))
        .unwrap()
        .ino();
    assert_ne!(live, ino("1"), "a checkpoint never shares the live file");
}

#[test]
fn an_earlier_change_wins_over_the_failure_and_prose_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = plan(dir.path(), GUIDE);
    let store = record(dir.path(), &first);
    let prose = plan(
        dir.path(),
        &GUIDE.replace("# Steps", "# Steps\n\nSome words.\n"),
    );
    assert_eq!(resume(&prose, &store, None).unwrap().from, 3);
    let edited = plan(dir.path(), &GUIDE.replace("echo 2 > two", "echo two > two"));
    let restore = resume(&edited, &store, None).unwrap();
    assert_eq!((restore.after, restore.from), (Some(1), 2));
    assert_eq!(restore.why, "step 2 changed");
    assert!(restore.restart.is_empty(), "the service step runs anyway");
    let first_edited = plan(dir.path(), &GUIDE.replace("echo 1 > one", "echo one > one"));
    let restore = resume(&first_edited, &store, None).unwrap();
    assert_eq!((restore.after, restore.from), (None, 1));
    let from_two = resume(&first, &store, Some(2)).unwrap();
    assert_eq!((from_two.after, from_two.from), (Some(1), 2));
}

#[test]
fn no_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path(), GUIDE);
    let store = Store::of(&plan, &dir.path().join("checkpoints"));
    let error = resume(&plan, &store, None).unwrap_err();
    assert!(error.contains("--checkpoints"), "{error}");
}

#[test]
fn a_resumed_run_keeps_the_checkpoints_it_restored() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path(), GUIDE);
    let store = record(dir.path(), &plan);
    let restore = resume(&plan, &store, None).unwrap();
    let root = workspace(&dir.path().join("again"));
    let mut recorder = Recorder::new(&plan, store.clone(), &root, "run2", Some(&restore)).unwrap();
    recorder.after_step(2, &root, "", true).unwrap();
    recorder.after_step(3, &root, "", false).unwrap();
    recorder.finish(None).unwrap();
    let record = store.record().unwrap();
    let kept: Vec<bool> = record.steps.iter().map(|s| s.checkpoint).collect();
    assert_eq!(kept, [true, true, true, false]);
    assert!(store.dir.join("1/work/one").is_file());
    let again = resume(&plan, &store, None).unwrap();
    assert_eq!(again.from, 4, "{}", again.why);
    assert!(!dir.path().join("checkpoints/.new-run2").exists());
}
