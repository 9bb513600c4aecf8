//! Liquid tags in Jekyll posts.
