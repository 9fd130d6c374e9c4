//! JUnit XML, as GitHub, GitLab and Jenkins render it: one test suite per guide,
//! one test case per step (and per translation finding).

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{Case, CaseOutcome};

pub fn render(suite_name: &str, cases: &[Case]) -> String {
    let mut report = Report::new("doccheck");
    let mut suite = TestSuite::new(suite_name);
    for case in cases {
        let status = match case.outcome {
            CaseOutcome::Passed => TestCaseStatus::success(),
            CaseOutcome::Failed | CaseOutcome::Warning => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                if let Some(m) = &case.message {
                    s.set_message(m.as_str());
                }
                s.set_type(if case.outcome == CaseOutcome::Failed {
                    "error"
                } else {
                    "warning"
                });
                s.set_description(format!(
                    "{}:{}:{}\n{}",
                    case.file, case.line, case.column, case.detail
                ));
                s
            }
            CaseOutcome::Skipped | CaseOutcome::NotRun => {
                let mut s = TestCaseStatus::skipped();
                if let Some(m) = &case.message {
                    s.set_message(m.as_str());
                }
                s
            }
        };
        let mut test = TestCase::new(case.name.as_str(), status);
        test.set_classname(format!("{}:{}", case.file, case.line));
        test.set_time(case.duration);
        test.extra.insert("file".into(), case.file.as_str().into());
        test.extra
            .insert("line".into(), case.line.to_string().into());
        suite.add_test_case(test);
    }
    report.add_test_suite(suite);
    report
        .to_string()
        .unwrap_or_else(|e| format!("<!-- cannot render JUnit XML: {e} -->\n"))
}
