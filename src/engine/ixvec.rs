//! Typed indexes and the lists they index.
//!
//! Takes nothing; gives [`Idx`], the trait of the engine's index types (`ItemIx`, `CondIx`, ... in
//! [`super::model`]), and [`IxVec`], a vector indexed by one of them only, so an item's index cannot
//! reach into the list of sections by mistake.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An index type: a position in one kind of list.
pub trait Idx: Copy + Eq {
    /// The index of position `i`.
    fn new(i: usize) -> Self;
    /// The position.
    fn index(self) -> usize;
}

/// A vector indexed by `I`.
pub struct IxVec<I, T> {
    raw: Vec<T>,
    _ix: PhantomData<fn(I) -> I>,
}

impl<I: Idx, T> IxVec<I, T> {
    /// An empty list.
    pub fn new() -> Self {
        Self::from_vec(Vec::new())
    }

    /// The list of `raw`'s elements, in order.
    pub fn from_vec(raw: Vec<T>) -> Self {
        IxVec {
            raw,
            _ix: PhantomData,
        }
    }

    /// `n` copies of `value`.
    pub fn filled(value: T, n: usize) -> Self
    where
        T: Clone,
    {
        Self::from_vec(vec![value; n])
    }

    /// How many elements.
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Appends `value`; gives its index.
    pub fn push(&mut self, value: T) -> I {
        self.raw.push(value);
        I::new(self.raw.len() - 1)
    }

    /// The element at `i`, if there is one.
    pub fn get(&self, i: I) -> Option<&T> {
        self.raw.get(i.index())
    }

    /// The elements in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.raw.iter()
    }

    /// The elements in order, mutably.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.raw.iter_mut()
    }

    /// Each element with its index.
    pub fn iter_enumerated(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + '_ {
        self.raw.iter().enumerate().map(|(i, t)| (I::new(i), t))
    }

    /// Every index, in order.
    pub fn indices(&self) -> impl DoubleEndedIterator<Item = I> + use<I, T> {
        (0..self.raw.len()).map(I::new)
    }

    /// The index of the first element for which `f` holds.
    pub fn position(&self, f: impl FnMut(&T) -> bool) -> Option<I> {
        self.raw.iter().position(f).map(I::new)
    }

    /// The elements as a slice.
    pub fn as_slice(&self) -> &[T] {
        &self.raw
    }
}

impl<I: Idx, T> Default for IxVec<I, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I, T: Clone> Clone for IxVec<I, T> {
    fn clone(&self) -> Self {
        IxVec {
            raw: self.raw.clone(),
            _ix: PhantomData,
        }
    }
}

impl<I, T: PartialEq> PartialEq for IxVec<I, T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl<I, T: Eq> Eq for IxVec<I, T> {}

impl<I, T: fmt::Debug> fmt::Debug for IxVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}

impl<I, T: Serialize> Serialize for IxVec<I, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(s)
    }
}

impl<'de, I, T: Deserialize<'de>> Deserialize<'de> for IxVec<I, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::deserialize(d).map(|raw| IxVec {
            raw,
            _ix: PhantomData,
        })
    }
}

impl<I: Idx, T> Index<I> for IxVec<I, T> {
    type Output = T;
    fn index(&self, i: I) -> &T {
        &self.raw[i.index()]
    }
}

impl<I: Idx, T> IndexMut<I> for IxVec<I, T> {
    fn index_mut(&mut self, i: I) -> &mut T {
        &mut self.raw[i.index()]
    }
}

impl<I: Idx, T> FromIterator<T> for IxVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Self::from_vec(iter.into_iter().collect())
    }
}

impl<'a, I, T> IntoIterator for &'a IxVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.raw.iter()
    }
}

impl<I, T> IntoIterator for IxVec<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.raw.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{ItemIx, SectionIx};

    #[test]
    fn indexes_are_positions_of_their_own_list() {
        let mut v: IxVec<ItemIx, &str> = IxVec::new();
        let a = v.push("a");
        let b = v.push("b");
        assert_eq!((a.index(), b.index()), (0, 1));
        assert_eq!(v[b], "b");
        assert_eq!(v.get(ItemIx::new(2)), None);
        assert_eq!(v.position(|s| *s == "b"), Some(b));
        assert_eq!(v.indices().collect::<Vec<_>>(), vec![a, b]);
        assert_eq!(
            v.iter_enumerated().map(|(i, s)| (i, *s)).next_back(),
            Some((b, "b"))
        );
        let sections: IxVec<SectionIx, u8> = IxVec::filled(0, 2);
        assert_eq!(sections.len(), 2);
        assert_eq!(
            serde_json::to_string(&v).expect("serialises"),
            r#"["a","b"]"#
        );
    }
}
