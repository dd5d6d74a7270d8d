//! The index framework: a validated tree (or forest) of nodes with weights,
//! directions and optional denominators (methodology §2 step 0).

use std::collections::HashMap;
use std::fmt;

use crate::data::{DataError, Node};

/// Where a node or value was read from (for error messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loc {
    pub file: String,
    pub line: usize,
}

/// An error of the engine: invalid framework, data or settings.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngineError {
    /// A problem located in an input file (file:line[:column]). Transparent:
    /// the message is the data error's own, printed once in an error chain.
    #[error(transparent)]
    Data(#[from] DataError),
    /// A problem without a file location.
    #[error("{0}")]
    Invalid(String),
}

impl EngineError {
    /// An error at `loc` when known, else a plain message.
    pub fn at(loc: Option<&Loc>, message: impl Into<String>) -> EngineError {
        match loc {
            Some(l) => EngineError::Data(DataError::new(&l.file, l.line, 0, message)),
            None => EngineError::Invalid(message.into()),
        }
    }
}

/// One framework node as given (before validation).
#[derive(Clone, Debug, PartialEq)]
pub struct FwNode {
    /// Unique code.
    pub code: String,
    /// Parent code (`None` for a root).
    pub parent: Option<String>,
    /// 1 = indicator; aggregates have higher levels than their children.
    pub level: u8,
    /// Weight within the parent (positive, finite; only ratios matter).
    pub weight: f64,
    /// +1 higher is better, −1 lower is better.
    pub direction: i8,
    /// Data column the raw value is divided by, if any (indicators).
    pub denominator: Option<String>,
    /// Display name.
    pub name: String,
    /// Unit of the raw value.
    pub unit: Option<String>,
    /// Where the node was read from.
    pub at: Option<Loc>,
}

impl FwNode {
    /// A node with weight 1 and direction +1.
    pub fn new(code: &str, parent: Option<&str>, level: u8) -> FwNode {
        FwNode {
            code: code.to_string(),
            parent: parent.map(str::to_string),
            level,
            weight: 1.0,
            direction: 1,
            denominator: None,
            name: code.to_string(),
            unit: None,
            at: None,
        }
    }
}

/// A validated framework.
#[derive(Clone, Debug, PartialEq)]
pub struct Framework {
    nodes: Vec<FwNode>,
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    index: HashMap<String, usize>,
    /// Aggregate nodes in bottom-up order (every child before its parent).
    agg_order: Vec<usize>,
    indicators: Vec<usize>,
}

impl fmt::Display for FwNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)
    }
}

/// The error for a cycle of parent edges through node `at`: located at that
/// node's row, listing the nodes of the cycle (with their lines when known).
fn cycle_error(nodes: &[FwNode], parent: &[Option<usize>], at: usize) -> EngineError {
    let name = |i: usize| match &nodes[i].at {
        Some(l) => format!("{} (line {})", nodes[i].code, l.line),
        None => nodes[i].code.clone(),
    };
    let mut chain = vec![name(at)];
    let mut cur = parent[at];
    while let Some(c) = cur {
        if c == at || chain.len() > nodes.len() {
            break;
        }
        chain.push(name(c));
        cur = parent[c];
    }
    chain.push(nodes[at].code.clone());
    let n = &nodes[at];
    EngineError::at(
        n.at.as_ref(),
        format!(
            "node {:?}: parent {:?} closes a cycle: {}",
            n.code,
            n.parent.as_deref().unwrap_or(""),
            chain.join(" → ")
        ),
    )
}

impl Framework {
    /// Validate nodes: unique codes, known parents, no cycle, weights positive
    /// finite, directions ±1, parents at a higher level than their children,
    /// indicators at level 1, every aggregate with at least one child.
    /// Errors name the offending row (file:line when the node has a location).
    pub fn new(nodes: Vec<FwNode>) -> Result<Framework, EngineError> {
        let mut index = HashMap::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            if n.code.trim().is_empty() {
                return Err(EngineError::at(n.at.as_ref(), "empty node code"));
            }
            if let Some(&j) = index.get(&n.code) {
                let first: &FwNode = &nodes[j];
                let where_ = first
                    .at
                    .as_ref()
                    .map_or(String::new(), |l| format!(" (first at line {})", l.line));
                return Err(EngineError::at(
                    n.at.as_ref(),
                    format!("duplicate node code {:?}{where_}", n.code),
                ));
            }
            index.insert(n.code.clone(), i);
        }
        for n in &nodes {
            if !(n.weight.is_finite() && n.weight > 0.0) {
                return Err(EngineError::at(
                    n.at.as_ref(),
                    format!(
                        "node {:?}: weight must be a positive finite number, found {}",
                        n.code, n.weight
                    ),
                ));
            }
            if n.direction != 1 && n.direction != -1 {
                return Err(EngineError::at(
                    n.at.as_ref(),
                    format!(
                        "node {:?}: direction must be 1 or -1, found {}",
                        n.code, n.direction
                    ),
                ));
            }
            if n.level == 0 {
                return Err(EngineError::at(
                    n.at.as_ref(),
                    format!("node {:?}: level must be 1 (indicator) or higher", n.code),
                ));
            }
        }
        let mut parent = vec![None; nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            if let Some(p) = &n.parent {
                match index.get(p) {
                    Some(&j) => parent[i] = Some(j),
                    None => {
                        return Err(EngineError::at(
                            n.at.as_ref(),
                            format!("node {:?}: unknown parent {:?}", n.code, p),
                        ));
                    }
                }
            }
        }
        // Cycles: walk up from every node, marking the nodes of the current
        // walk; meeting one again closes a cycle. It is reported at the node of
        // the cycle read last (the row whose parent edge closes the loop), with
        // every node of the cycle and its line.
        let mut state = vec![0u8; nodes.len()]; // 0 new, 1 on this walk, 2 done
        for start in 0..nodes.len() {
            let mut path = Vec::new();
            let mut cur = Some(start);
            while let Some(c) = cur {
                match state[c] {
                    2 => break,
                    1 => {
                        let pos = path.iter().position(|&p| p == c).unwrap_or(0);
                        let cycle = &path[pos..];
                        let last = cycle.iter().copied().max().unwrap_or(c);
                        return Err(cycle_error(&nodes, &parent, last));
                    }
                    _ => {
                        state[c] = 1;
                        path.push(c);
                        cur = parent[c];
                    }
                }
            }
            for p in path {
                state[p] = 2;
            }
        }
        let mut children = vec![Vec::new(); nodes.len()];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(i);
            }
        }
        for (i, n) in nodes.iter().enumerate() {
            if let Some(p) = parent[i]
                && nodes[p].level <= n.level
            {
                return Err(EngineError::at(
                    n.at.as_ref(),
                    format!(
                        "node {:?} (level {}) has parent {:?} at level {}: a parent's level must be higher",
                        n.code, n.level, nodes[p].code, nodes[p].level
                    ),
                ));
            }
            if n.level > 1 && children[i].is_empty() {
                return Err(EngineError::at(
                    n.at.as_ref(),
                    format!("aggregate {:?} (level {}) has no children", n.code, n.level),
                ));
            }
            if n.level > 1 && n.denominator.is_some() {
                return Err(EngineError::at(
                    n.at.as_ref(),
                    format!("aggregate {:?} cannot have a denominator", n.code),
                ));
            }
        }
        let mut agg_order: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].level > 1).collect();
        agg_order.sort_by_key(|&i| nodes[i].level);
        let indicators = (0..nodes.len()).filter(|&i| nodes[i].level == 1).collect();
        Ok(Framework {
            nodes,
            parent,
            children,
            index,
            agg_order,
            indicators,
        })
    }

    /// From the data model's nodes (missing weight → 1, missing direction → +1).
    pub fn from_nodes(nodes: &[Node]) -> Result<Framework, EngineError> {
        let mut out = Vec::with_capacity(nodes.len());
        for n in nodes {
            let name = if n.name_en.is_empty() {
                n.name_vi.clone()
            } else {
                n.name_en.clone()
            };
            out.push(FwNode {
                code: n.code.clone(),
                parent: n.parent.clone(),
                level: n.level,
                weight: n.weight.unwrap_or(1.0),
                direction: n.direction.unwrap_or(1),
                denominator: n.denominator.clone(),
                name,
                unit: n.unit.clone(),
                at: None,
            });
        }
        Framework::new(out)
    }

    /// All nodes in input order.
    pub fn nodes(&self) -> &[FwNode] {
        &self.nodes
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Index of a node code.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }

    /// A node by code.
    pub fn node(&self, code: &str) -> Option<&FwNode> {
        self.index_of(code).map(|i| &self.nodes[i])
    }

    /// Parent index of node `i`.
    pub fn parent(&self, i: usize) -> Option<usize> {
        self.parent[i]
    }

    /// Children indices of node `i` (input order).
    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// Indices of the indicators (level 1), input order.
    pub fn indicators(&self) -> &[usize] {
        &self.indicators
    }

    /// Indices of the aggregates, bottom-up (children before parents).
    pub fn aggregates_bottom_up(&self) -> &[usize] {
        &self.agg_order
    }

    /// Highest level (the index).
    pub fn max_level(&self) -> u8 {
        self.nodes.iter().map(|n| n.level).max().unwrap_or(0)
    }

    /// Effective weight of each node: product down its branch of the
    /// within-group normalised weights (methodology §6.4); roots have 1.
    pub fn effective_weights(&self) -> Vec<f64> {
        let mut out = vec![1.0; self.nodes.len()];
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.nodes[i].level));
        for &i in &order {
            if let Some(p) = self.parent[i] {
                let total: f64 = self.children[p].iter().map(|&c| self.nodes[c].weight).sum();
                out[i] = out[p] * self.nodes[i].weight / total;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: usize) -> Option<Loc> {
        Some(Loc {
            file: "f.csv".into(),
            line,
        })
    }

    #[test]
    fn rejects_cycle_unknown_parent_duplicates_weights_directions() {
        let mut a = FwNode::new("A", Some("B"), 2);
        a.at = loc(2);
        let mut b = FwNode::new("B", Some("A"), 3);
        b.at = loc(3);
        let i = FwNode::new("i", Some("A"), 1);
        let e = Framework::new(vec![a.clone(), b, i.clone()]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.csv:3: node \"B\": parent \"A\" closes a cycle: B (line 3) → A (line 2) → B"
        );

        let mut x = FwNode::new("x", Some("nope"), 1);
        x.at = loc(7);
        let e = Framework::new(vec![x]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.csv:7: node \"x\": unknown parent \"nope\""
        );

        let mut d = FwNode::new("i", None, 1);
        d.at = loc(9);
        let e = Framework::new(vec![i.clone(), d]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("f.csv:9: duplicate node code \"i\"")
        );

        let mut w = FwNode::new("w", None, 1);
        w.weight = 0.0;
        w.at = loc(4);
        let e = Framework::new(vec![w]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("f.csv:4: node \"w\": weight must be")
        );

        let mut d = FwNode::new("d", None, 1);
        d.direction = 0;
        let e = Framework::new(vec![d]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "node \"d\": direction must be 1 or -1, found 0"
        );
    }

    #[test]
    fn effective_weights() {
        let mut n = vec![
            FwNode::new("R", None, 2),
            FwNode::new("a", Some("R"), 1),
            FwNode::new("b", Some("R"), 1),
        ];
        n[2].weight = 3.0;
        let f = Framework::new(n).unwrap();
        assert_eq!(f.effective_weights(), vec![1.0, 0.25, 0.75]);
    }
}
