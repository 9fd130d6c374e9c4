//! Heading slugs: the anchors GitHub and docfx make from a heading's text.

/// The anchor GitHub (and docfx) make from a heading's text.
pub(crate) fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            s.extend(c.to_lowercase());
        } else if c == ' ' {
            s.push('-');
        }
    }
    s
}

/// Makes slugs unique the way GitHub does: `a`, `a-1`, `a-2`.
#[derive(Default)]
pub(crate) struct Slugger(std::collections::HashMap<String, usize>);

impl Slugger {
    pub(crate) fn unique(&mut self, text: &str) -> String {
        let base = slug(text);
        let n = self.0.entry(base.clone()).or_insert(0);
        let out = if *n == 0 { base } else { format!("{base}-{n}") };
        *n += 1;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Microsoft base images for ASP.NET Core applications"),
            "microsoft-base-images-for-aspnet-core-applications"
        );
        assert_eq!(slug("The .dockerignore file"), "the-dockerignore-file");
        let mut s = Slugger::default();
        assert_eq!(
            (s.unique("A b"), s.unique("A b")),
            ("a-b".into(), "a-b-1".into())
        );
    }
}
