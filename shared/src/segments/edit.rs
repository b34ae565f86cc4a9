//! Editing a filter tree by position, for editors: a node is reached by the indices of
//! its groups' items from the root, and its error path is the one
//! [`super::SegmentError::field_path`] names (`filter.all[1].any[0]`).

use super::{Filter, MAX_DEPTH};

impl Filter {
    /// The node at `at` (indices into `all`/`any` items; `not` is stepped through).
    pub fn node(&self, at: &[usize]) -> Option<&Filter> {
        let mut node = self;
        for &i in at {
            node = match node {
                Filter::All(items) | Filter::Any(items) => items.get(i)?,
                Filter::Not(inner) => inner,
                Filter::Condition(_) => return None,
            };
        }
        Some(node)
    }

    /// The node at `at`, to change it.
    pub fn node_mut(&mut self, at: &[usize]) -> Option<&mut Filter> {
        let mut node = self;
        for &i in at {
            node = match node {
                Filter::All(items) | Filter::Any(items) => items.get_mut(i)?,
                Filter::Not(inner) => inner,
                Filter::Condition(_) => return None,
            };
        }
        Some(node)
    }

    /// Adds `item` to the group at `at`; `false` when there is no group there or the
    /// item would nest deeper than [`MAX_DEPTH`].
    pub fn push_at(&mut self, at: &[usize], item: Filter) -> bool {
        if at.len() + 1 + item.depth() > MAX_DEPTH {
            return false;
        }
        match self.node_mut(at) {
            Some(Filter::All(items) | Filter::Any(items)) => {
                items.push(item);
                true
            }
            _ => false,
        }
    }

    /// Removes the item at `at` from its group; `false` for the root or no such item.
    pub fn remove_at(&mut self, at: &[usize]) -> bool {
        let Some((&last, parent)) = at.split_last() else {
            return false;
        };
        match self.node_mut(parent) {
            Some(Filter::All(items) | Filter::Any(items)) if last < items.len() => {
                items.remove(last);
                true
            }
            _ => false,
        }
    }

    /// Turns the group at `at` from all to any or back; `false` if it is no group.
    pub fn toggle_group(&mut self, at: &[usize]) -> bool {
        match self.node_mut(at) {
            Some(node @ (Filter::All(_) | Filter::Any(_))) => {
                *node = match std::mem::replace(node, Filter::All(Vec::new())) {
                    Filter::All(items) => Filter::Any(items),
                    Filter::Any(items) => Filter::All(items),
                    other => other,
                };
                true
            }
            _ => false,
        }
    }

    /// Levels of nesting below and including this node.
    pub fn depth(&self) -> usize {
        match self {
            Filter::All(items) | Filter::Any(items) => {
                1 + items.iter().map(Filter::depth).max().unwrap_or(0)
            }
            Filter::Not(inner) => 1 + inner.depth(),
            Filter::Condition(_) => 1,
        }
    }

    /// The error path of the node at `at` (`filter.all[1].any[0]`).
    pub fn path_of(&self, at: &[usize]) -> String {
        let mut out = String::from("filter");
        let mut node = self;
        for &i in at {
            node = match node {
                Filter::All(items) => {
                    out.push_str(&format!(".all[{i}]"));
                    match items.get(i) {
                        Some(n) => n,
                        None => break,
                    }
                }
                Filter::Any(items) => {
                    out.push_str(&format!(".any[{i}]"));
                    match items.get(i) {
                        Some(n) => n,
                        None => break,
                    }
                }
                Filter::Not(inner) => {
                    out.push_str(".not");
                    inner
                }
                Filter::Condition(_) => break,
            };
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;
    use crate::segments::Condition;

    fn stage(s: Stage) -> Filter {
        Filter::Condition(Condition::Stage { stages: vec![s] })
    }

    #[test]
    fn edits_by_position_and_names_paths_as_errors_do() {
        let mut f = Filter::All(vec![
            stage(Stage::Mql),
            Filter::Any(vec![stage(Stage::Sql)]),
        ]);
        assert!(f.push_at(&[1], stage(Stage::Lead)));
        assert!(
            !f.push_at(&[0], stage(Stage::Lead)),
            "a condition is no group"
        );
        assert_eq!(f.path_of(&[1, 1]), "filter.all[1].any[1]");
        assert!(f.toggle_group(&[1]));
        assert!(matches!(f.node(&[1]), Some(Filter::All(items)) if items.len() == 2));
        assert!(f.toggle_group(&[]));
        assert!(matches!(f, Filter::Any(_)));
        assert!(f.remove_at(&[0]));
        assert!(!f.remove_at(&[]), "the root stays");
        assert_eq!(f.depth(), 3);
        let mut deep = Filter::All(vec![stage(Stage::Mql)]);
        let mut at = Vec::new();
        while deep.push_at(&at, Filter::All(vec![stage(Stage::Mql)])) {
            at.push(1);
        }
        assert_eq!(deep.depth(), MAX_DEPTH);
        assert!(deep.validate().is_ok());
    }
}
